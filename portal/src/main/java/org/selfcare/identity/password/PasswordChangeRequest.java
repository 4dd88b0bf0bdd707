package org.selfcare.identity.password;

import java.util.Optional;

/**
 * The two passwords of a change request, from the API or the page, before any check.
 *
 * @param currentPassword the password the subscriber signed in with, or {@code null} when missing
 * @param newPassword the password to set, or {@code null} when missing
 */
record PasswordChangeRequest(String currentPassword, String newPassword) {

    /**
     * Returns the message key of the first input error (a missing or oversized value), or empty when both
     * values can go to the check. The messages take the maximum length as argument 1.
     */
    Optional<String> inputError() {
        if (currentPassword == null || currentPassword.isEmpty()) {
            return Optional.of("password.input.current-missing");
        }
        if (newPassword == null || newPassword.isEmpty()) {
            return Optional.of("password.input.new-missing");
        }
        if (tooLong(currentPassword) || tooLong(newPassword)) {
            return Optional.of("password.input.too-long");
        }
        return Optional.empty();
    }

    private static boolean tooLong(String value) {
        return value.codePointCount(0, value.length()) > PasswordPolicy.MAX_LENGTH;
    }

    @Override
    public String toString() {
        return "PasswordChangeRequest[currentPassword=[PROTECTED], newPassword=[PROTECTED]]";
    }
}
