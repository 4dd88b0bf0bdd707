package org.selfcare.conformance.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Selfcare's message signatures, version {@code v1}. A request's MAC is HMAC-SHA256 with the session key over
 * the lines {@code v1}, the method, the raw path, the raw query (empty when none), the lowercase hex SHA-256 of
 * the body, the timestamp and the nonce, joined by a line feed. A response's MAC covers {@code v1}, the status,
 * the request's nonce and the hex SHA-256 of the response body. MACs and keys are base64url without padding.
 */
public final class MessageSignatures {

    public static final String REQUEST_HEADER = "X-Selfcare-Signature";

    public static final String RESPONSE_HEADER = "X-Selfcare-Response-Signature";

    public static final String VERSION = "v1";

    private static final String HMAC = "HmacSHA256";

    private MessageSignatures() {
    }

    /**
     * Computes the MAC of a request.
     *
     * @param rawPath the path as sent, percent-encoding kept
     * @param rawQuery the query as sent without the leading "?", or empty
     * @param body the body bytes, empty when there is none
     * @param timestamp Unix time in seconds, as written into the header
     */
    public static String requestMac(byte[] key, String method, String rawPath, String rawQuery, byte[] body,
            String timestamp, String nonce) {
        String lines = String.join("\n", VERSION, method, rawPath, rawQuery, sha256Hex(body), timestamp, nonce);
        return hmac(key, lines);
    }

    /**
     * Computes the MAC of a response to the request that carried {@code requestNonce}.
     */
    public static String responseMac(byte[] key, int status, String requestNonce, byte[] body) {
        return hmac(key, String.join("\n", VERSION, Integer.toString(status), requestNonce, sha256Hex(body)));
    }

    public static String requestHeader(String timestamp, String nonce, String mac) {
        return VERSION + ";ts=" + timestamp + ";nonce=" + nonce + ";mac=" + mac;
    }

    /**
     * Reads the {@code name=value} fields of a signature header after its version. Returns empty when the
     * header does not start with {@code v1;} or a field has no value.
     */
    public static Optional<Map<String, String>> fields(String header) {
        String[] parts = header.trim().split(";");
        if (parts.length < 2 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int index = 1; index < parts.length; index++) {
            int equals = parts[index].indexOf('=');
            if (equals <= 0 || equals == parts[index].length() - 1) {
                return Optional.empty();
            }
            fields.put(parts[index].substring(0, equals), parts[index].substring(equals + 1));
        }
        return Optional.of(fields);
    }

    /**
     * Compares two MACs in constant time, so a stand-in or a check leaks nothing about the expected value.
     */
    public static boolean sameMac(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("The JDK lacks SHA-256, which every Java platform must provide", ex);
        }
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hmac(byte[] key, String lines) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return base64Url(mac.doFinal(lines.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The JDK cannot compute HMAC-SHA256, which every Java platform must "
                    + "provide", ex);
        }
    }
}
