package org.selfcare.usage.cdr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds record keys for layouts that have no call id of their own.
 */
final class RecordKeys {

    private RecordKeys() {
    }

    /**
     * Returns the lower-case hex SHA-256 of the UTF-8 bytes of {@code parts} joined with {@code |}.
     */
    static String sha256Hex(String... parts) {
        byte[] text = String.join("|", parts).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest documentation).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
