package org.selfcare.identity.password;

import java.util.Locale;

/**
 * A rule of the password policy that a new password can break. Each has a message in
 * {@code messages.properties} under {@link #messageKey()}; the messages receive the minimum and the maximum
 * length as arguments 0 and 1.
 */
public enum PasswordRule {

    TOO_SHORT,
    TOO_LONG,
    NO_LETTER,
    NO_DIGIT,
    NO_SYMBOL,
    CONTAINS_PHONE_NUMBER,
    CONTAINS_NAME,
    COMMON_PASSWORD,
    EASY_TO_GUESS,
    /** The new password equals the one it replaces; checked only where the current password must change. */
    SAME_AS_CURRENT;

    /**
     * Returns the rule's name as API clients see it, such as {@code too-short}.
     */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String messageKey() {
        return "password.rule." + code();
    }
}
