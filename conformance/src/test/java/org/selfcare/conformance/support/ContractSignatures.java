package org.selfcare.conformance.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The stand-in portal's own reading of the signature contract, written apart from the kit's code so that a
 * mistake in the kit's canonical lines makes the tests fail instead of agreeing with itself.
 */
final class ContractSignatures {

    private ContractSignatures() {
    }

    /**
     * Returns the base64url MAC over the request lines: v1, method, raw path, raw query, body digest, ts, nonce.
     */
    static String requestMac(byte[] key, String[] lines) {
        return hmac(key, "v1\n" + String.join("\n", lines));
    }

    static String responseMac(byte[] key, int status, String nonce, byte[] body) {
        return hmac(key, "v1\n" + status + "\n" + nonce + "\n" + sha256Hex(body));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static boolean same(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }
}
