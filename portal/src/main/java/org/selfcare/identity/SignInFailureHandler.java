package org.selfcare.identity;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Sends every failed sign-in to the one generic failure message, except a locked identifier, whose page shows
 * when the lock ends, and a throttled client address, which gets status 429. Those two are forwarded to
 * {@link SignInRefusalController} with the details in request attributes, so no client can put a lock time of
 * its own choosing on the page.
 */
class SignInFailureHandler implements AuthenticationFailureHandler {

    static final String LOCKED_UNTIL_ATTRIBUTE = SignInFailureHandler.class.getName() + ".lockedUntil";

    static final String THROTTLED_ATTRIBUTE = SignInFailureHandler.class.getName() + ".throttled";

    static final String REFUSED_PATH = "/signin/refused";

    private final AuthenticationFailureHandler generic = new SimpleUrlAuthenticationFailureHandler("/signin?failed");

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        if (exception instanceof SignInThrottledException) {
            request.setAttribute(THROTTLED_ATTRIBUTE, Boolean.TRUE);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            request.getRequestDispatcher(REFUSED_PATH).forward(request, response);
        }
        else if (exception instanceof IdentifierLockedException locked) {
            request.setAttribute(LOCKED_UNTIL_ATTRIBUTE, locked.lockedUntil());
            request.getRequestDispatcher(REFUSED_PATH).forward(request, response);
        }
        else {
            generic.onAuthenticationFailure(request, response, exception);
        }
    }
}
