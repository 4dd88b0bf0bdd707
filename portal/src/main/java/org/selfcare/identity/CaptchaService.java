package org.selfcare.identity;

import org.springframework.stereotype.Service;

import jakarta.servlet.http.HttpSession;

/**
 * Verification codes (CAPTCHA) for other modules' forms, with the sign-in page's pictures, lifetime and test key.
 * Each use, such as {@code stepup}, has its own pending code in the session, so the sign-in page and another form
 * never consume each other's code.
 */
@Service
public class CaptchaService {

    private final CaptchaChallenges challenges;

    CaptchaService(CaptchaChallenges challenges) {
        this.challenges = challenges;
    }

    /**
     * Issues a new code for {@code use}, replacing its pending one.
     *
     * @return the id of the new code
     */
    public String issue(HttpSession session, String use) {
        return challenges.issue(session, attribute(use));
    }

    /**
     * Returns the picture of the pending code for {@code use}. A second request for the same picture issues a new
     * code first, as the sign-in page's picture does.
     */
    public Picture takePicture(HttpSession session, String use) {
        return challenges.takeImage(session, attribute(use));
    }

    /**
     * Checks an answer and consumes the pending code for {@code use} whatever the outcome. The configured test
     * key is accepted only while a code is pending.
     *
     * @param codeId the id of the code the answer is for, or {@code null} to check against the pending one
     * @param answer the answer as typed, or {@code null} when missing
     */
    public CaptchaVerification verify(HttpSession session, String use, String codeId, String answer) {
        return challenges.verify(session, attribute(use), codeId, answer);
    }

    private static String attribute(String use) {
        return CaptchaChallenges.SESSION_ATTRIBUTE + "." + use;
    }

    /**
     * A code's picture.
     *
     * @param codeId id of the code shown
     * @param png the picture as PNG
     */
    public record Picture(String codeId, byte[] png) {
    }
}
