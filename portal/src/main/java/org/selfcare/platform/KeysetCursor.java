package org.selfcare.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Position after the last row of a newest-first page: the row's time and id. Encoded as URL-safe Base64 so
 * clients treat it as opaque.
 */
public record KeysetCursor(Instant time, long id) {

    /**
     * Decodes a cursor from a client, or returns {@code null} for none.
     *
     * @throws InvalidCursorException when the value was not produced by {@link #encode()}
     */
    public static KeysetCursor parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
            int separator = decoded.indexOf('/');
            return new KeysetCursor(Instant.parse(decoded.substring(0, separator)),
                    Long.parseLong(decoded.substring(separator + 1)));
        }
        catch (RuntimeException ex) {
            throw new InvalidCursorException();
        }
    }

    public String encode() {
        String plain = time + "/" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Thrown when a client sends a cursor this server did not issue.
     */
    public static final class InvalidCursorException extends IllegalArgumentException {

        public InvalidCursorException() {
            super("The page cursor is invalid; start again from the first page");
        }
    }
}
