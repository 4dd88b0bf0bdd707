package org.selfcare.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 of signed requests and responses over their canonical lines. A request's lines are {@code v1},
 * the method, the raw path, the raw query without "?", the hex SHA-256 of the body, the timestamp and the nonce. A
 * response's lines are {@code v1}, the status code, the request's nonce and the hex SHA-256 of the body. Lines are
 * joined by "\n" and encoded as UTF-8.
 */
final class MessageMac {

    static final String VERSION = "v1";

    private static final String ALGORITHM = "HmacSHA256";

    private MessageMac() {
    }

    static String requestLines(String method, String rawPath, String rawQuery, byte[] body, String timestamp,
            String nonce) {
        return String.join("\n", VERSION, method, rawPath, (rawQuery == null) ? "" : rawQuery, sha256Hex(body),
                timestamp, nonce);
    }

    static String responseLines(int status, String nonce, byte[] body) {
        return String.join("\n", VERSION, Integer.toString(status), nonce, sha256Hex(body));
    }

    static byte[] mac(byte[] key, String lines) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(lines.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }

    /**
     * Returns whether {@code expected} and {@code actual} are equal, taking the same time wherever they differ.
     */
    static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }
}
