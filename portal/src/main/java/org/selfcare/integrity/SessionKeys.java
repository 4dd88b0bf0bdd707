package org.selfcare.integrity;

import java.util.Optional;

import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpSession;

/**
 * Reads and issues the session key of a session. A session gets at most one key, so a client that obtains the
 * session cookie later cannot fetch the key the browser already has.
 */
final class SessionKeys {

    static final String ATTRIBUTE = SessionKeys.class.getName() + ".KEY";

    private SessionKeys() {
    }

    static Optional<SessionKey> find(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        return Optional.ofNullable((SessionKey) session.getAttribute(ATTRIBUTE));
    }

    /**
     * Stores a new key in the session and returns it, or returns empty when the session already has one.
     */
    static Optional<SessionKey> issue(HttpSession session) {
        // NOTE: the lock covers requests on this node only. Two first requests of one session that reach two
        // nodes at the same moment could both get a key, and the one saved last wins.
        synchronized (WebUtils.getSessionMutex(session)) {
            if (session.getAttribute(ATTRIBUTE) != null) {
                return Optional.empty();
            }
            SessionKey key = SessionKey.generate();
            session.setAttribute(ATTRIBUTE, key);
            return Optional.of(key);
        }
    }

    static void remove(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
    }
}
