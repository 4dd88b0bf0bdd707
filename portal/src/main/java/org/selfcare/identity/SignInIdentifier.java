package org.selfcare.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.selfcare.platform.PhoneNumbers;

/**
 * What failed sign-ins are counted against: the E.164 number when the typed text is a phone number, else the text
 * itself, trimmed and lowercased. Counting does not depend on whether a subscriber has the number, so a lock
 * does not reveal whether the number is a subscriber's.
 *
 * @param key the value stored in {@code sign_in_lockout.identifier}: the E.164 number, the normalised text, or
 *        {@code sha256:} and its hex digest when the text is longer than {@value #MAX_TEXT_LENGTH} characters
 * @param e164 the E.164 number, or empty when the text is not a phone number
 */
record SignInIdentifier(String key, Optional<String> e164) {

    static final int MAX_TEXT_LENGTH = 64;

    static SignInIdentifier of(String typed, String defaultRegion) {
        Optional<String> e164 = PhoneNumbers.toE164(typed, defaultRegion);
        if (e164.isPresent()) {
            return new SignInIdentifier(e164.get(), e164);
        }
        String text = (typed == null) ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (text.length() > MAX_TEXT_LENGTH) {
            text = "sha256:" + sha256(text);
        }
        // An empty key would break the table's check. The empty text counts under the digest of "", which no typed
        // text can equal, because longer text is hashed too.
        return new SignInIdentifier(text.isEmpty() ? "sha256:" + sha256("") : text, Optional.empty());
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
        }
    }
}
