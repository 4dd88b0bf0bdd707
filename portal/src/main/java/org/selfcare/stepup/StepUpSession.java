package org.selfcare.stepup;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpSession;

/**
 * Second-authentication state of one session apart from its proofs: a random binding id that ties SMS codes to this
 * session, and how many codes the session has requested.
 */
final class StepUpSession {

    private static final String BINDING_ATTRIBUTE = StepUpSession.class.getName() + ".BINDING";

    private static final String SENT_ATTRIBUTE = StepUpSession.class.getName() + ".SENT";

    private static final SecureRandom random = new SecureRandom();

    private StepUpSession() {
    }

    /**
     * Returns the session's binding id, creating one on first use. The session id itself is not used, because it
     * changes at sign-in and at password changes while the codes must stay bound.
     */
    static String binding(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            String binding = (String) session.getAttribute(BINDING_ATTRIBUTE);
            if (binding == null) {
                byte[] bytes = new byte[16];
                random.nextBytes(bytes);
                binding = HexFormat.of().formatHex(bytes);
                session.setAttribute(BINDING_ATTRIBUTE, binding);
            }
            return binding;
        }
    }

    /**
     * Returns whether the session has requested a code before, so the next request needs a CAPTCHA answer.
     */
    static boolean hasSentCode(HttpSession session) {
        return session.getAttribute(SENT_ATTRIBUTE) != null;
    }

    static void recordSentCode(HttpSession session) {
        session.setAttribute(SENT_ATTRIBUTE, Boolean.TRUE);
    }

    /**
     * Forgets the binding and the sent codes, so that codes sent before a new sign-in no longer match.
     */
    static void reset(HttpSession session) {
        session.removeAttribute(BINDING_ATTRIBUTE);
        session.removeAttribute(SENT_ATTRIBUTE);
    }
}
