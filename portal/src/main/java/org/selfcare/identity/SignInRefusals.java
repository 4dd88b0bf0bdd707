package org.selfcare.identity;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Lets other parts of the sign-in show the locked-account page that a locked sign-in shows, with the lock's end.
 */
public final class SignInRefusals {

    private SignInRefusals() {
    }

    /**
     * Prepares {@code request} for the locked-account page and returns the view name that forwards to it. The
     * lock end travels in a request attribute, so no client can choose the time the page shows.
     */
    public static String forwardToLockedPage(HttpServletRequest request, Instant lockedUntil) {
        request.setAttribute(SignInFailureHandler.LOCKED_UNTIL_ATTRIBUTE, lockedUntil);
        return "forward:" + SignInFailureHandler.REFUSED_PATH;
    }
}
