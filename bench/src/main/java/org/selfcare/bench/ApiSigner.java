package org.selfcare.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs API requests with a session key and verifies the responses, as the portal's pages do. Requests carry
 * {@code X-Selfcare-Signature: v1;ts=<unix seconds>;nonce=<base64url>;mac=<base64url HMAC-SHA256>} over the lines
 * v1, method, raw path, raw query, hex SHA-256 of the body, ts and nonce. Responses carry
 * {@code X-Selfcare-Response-Signature: v1;nonce=<request nonce>;mac=...} over v1, status, nonce and hex SHA-256
 * of the body.
 */
final class ApiSigner {

    static final String REQUEST_HEADER = "X-Selfcare-Signature";

    static final String RESPONSE_HEADER = "X-Selfcare-Response-Signature";

    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");

    private static final SecureRandom random = new SecureRandom();

    private final byte[] key;

    private ApiSigner(byte[] key) {
        this.key = key;
    }

    /**
     * Reads the key from the body of a {@code POST /api/v1/session-key} response.
     */
    static ApiSigner fromSessionKeyResponse(String json) {
        Matcher matcher = KEY.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("The session key response has no key member");
        }
        return new ApiSigner(Base64.getUrlDecoder().decode(matcher.group(1)));
    }

    /**
     * Returns the request builder with the signature header added, and the nonce it used in {@code nonceOut[0]}.
     */
    HttpRequest.Builder sign(HttpRequest.Builder builder, String method, String rawPath, String rawQuery, byte[] body,
            String[] nonceOut) {
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = encode(nonceBytes);
        long ts = Instant.now().getEpochSecond();
        String lines = String.join("\n", "v1", method, rawPath, (rawQuery == null) ? "" : rawQuery, sha256Hex(body),
                Long.toString(ts), nonce);
        nonceOut[0] = nonce;
        return builder.header(REQUEST_HEADER, "v1;ts=" + ts + ";nonce=" + nonce + ";mac=" + encode(hmac(lines)));
    }

    /**
     * Throws when the response's signature is missing or does not match its status, the nonce and its body.
     */
    void verify(HttpResponse<byte[]> response, String nonce) {
        String expected = "v1;nonce=" + nonce + ";mac=" + encode(hmac(String.join("\n", "v1",
                Integer.toString(response.statusCode()), nonce, sha256Hex(response.body()))));
        String actual = response.headers().firstValue(RESPONSE_HEADER).orElse("");
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalStateException("The response to " + response.uri() + " failed verification");
        }
    }

    private byte[] hmac(String lines) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(lines.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
