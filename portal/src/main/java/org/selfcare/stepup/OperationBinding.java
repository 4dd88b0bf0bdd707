package org.selfcare.stepup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Binds an SMS code to one operation: the code is stored under a digest of the session's binding and every field of
 * the operation, so a code sent for one service, order or amount matches nothing else.
 */
final class OperationBinding {

    private OperationBinding() {
    }

    /**
     * Returns 64 hexadecimal characters. Each field is prefixed with its length, so no two different operations
     * give the same input by moving text from one field to the next.
     */
    static String of(String sessionBinding, BoundOperation operation) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
        for (String field : new String[] { sessionBinding, operation.purpose().pathName(), operation.reference(),
                Long.toString(operation.amount().minorUnits()), operation.amount().currency().getCurrencyCode(),
                operation.description() }) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
