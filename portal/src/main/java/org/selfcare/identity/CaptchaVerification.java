package org.selfcare.identity;

/**
 * Outcome of checking the answer to a verification code (CAPTCHA).
 */
public enum CaptchaVerification {

    SOLVED(true, "code solved"),
    TEST_KEY_ACCEPTED(true, "configured test key sent"),
    MISSING_ANSWER(false, "no code sent"),
    NO_CHALLENGE(false, "no code pending: never issued or already used"),
    OTHER_CHALLENGE(false, "answer for another code than the pending one"),
    EXPIRED(false, "code expired"),
    WRONG_ANSWER(false, "wrong code");

    private final boolean accepted;

    private final String reason;

    CaptchaVerification(boolean accepted, String reason) {
        this.accepted = accepted;
        this.reason = reason;
    }

    public boolean accepted() {
        return accepted;
    }

    /** Plain words for the security log. */
    public String reason() {
        return reason;
    }
}
