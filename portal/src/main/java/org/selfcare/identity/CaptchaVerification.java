package org.selfcare.identity;

/**
 * Outcome of checking the verification code sent with a sign-in.
 */
enum CaptchaVerification {

    SOLVED(true, "code solved"),
    TEST_KEY_ACCEPTED(true, "configured test key sent"),
    MISSING_ANSWER(false, "no code sent"),
    NO_CHALLENGE(false, "no code pending: never issued or already used"),
    EXPIRED(false, "code expired"),
    WRONG_ANSWER(false, "wrong code");

    private final boolean accepted;

    private final String reason;

    CaptchaVerification(boolean accepted, String reason) {
        this.accepted = accepted;
        this.reason = reason;
    }

    boolean accepted() {
        return accepted;
    }

    /** Plain words for the security log. */
    String reason() {
        return reason;
    }
}
