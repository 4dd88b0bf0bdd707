package org.selfcare.integrity;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed {@code X-Selfcare-Signature} header:
 * {@code v1;ts=<unix seconds>;nonce=<base64url, 16 to 64 characters>;mac=<base64url HMAC-SHA256, no padding>}.
 *
 * @param timestamp the ts value as sent, because the MAC covers the text
 * @param epochSecond the ts value as a number
 * @param nonce the nonce as sent
 * @param mac the decoded MAC, 32 bytes
 */
record RequestSignature(String timestamp, long epochSecond, String nonce, byte[] mac) {

    static final String HEADER = "X-Selfcare-Signature";

    // A base64url HMAC-SHA256 without padding has 43 characters; at most 12 digits keep ts within a long.
    private static final Pattern FORMAT = Pattern.compile(
            "v1;ts=(0|[1-9][0-9]{0,11});nonce=([A-Za-z0-9_-]{16,64});mac=([A-Za-z0-9_-]{43})");

    /**
     * Parses a header value, or returns empty when it does not have the format above.
     */
    static Optional<RequestSignature> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(header);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        byte[] mac;
        try {
            mac = Base64.getUrlDecoder().decode(matcher.group(3));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        // The decoder ignores the unused low bits of the last character, so only the canonical text is accepted.
        if (!SessionKey.Base64Url.encode(mac).equals(matcher.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new RequestSignature(matcher.group(1), Long.parseLong(matcher.group(1)), matcher.group(2),
                mac));
    }
}
