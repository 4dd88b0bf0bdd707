package org.selfcare.identity;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Matches a request whose session cookie names a session that a newer sign-in of the same subscriber ended.
 * It reads the database, so it belongs only where a request already lacks a valid session, such as choosing
 * the authentication entry point.
 */
@Component
@ConditionalOnWebApplication
class EndedSessionRequestMatcher implements RequestMatcher {

    private final EndedSessions endedSessions;

    EndedSessionRequestMatcher(EndedSessions endedSessions) {
        this.endedSessions = endedSessions;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        String requestedId = request.getRequestedSessionId();
        return requestedId != null && !request.isRequestedSessionIdValid()
                && endedSessions.wasEndedByNewerSignIn(requestedId);
    }
}
