package org.selfcare.identity.firstsignin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.selfcare.identity.SubscriberPrincipal;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The first sign-in's state in the HTTP session: whether the identity check passed, and the switch to a full
 * subscriber session once the new password is set.
 */
@Component
class FirstSignInSession {

    /**
     * Attribute with the id of the subscriber whose identity this session proved, the only key to the password step.
     */
    static final String VERIFIED_ATTRIBUTE = FirstSignInSession.class.getName() + ".verifiedSubscriber";

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    void markVerified(HttpServletRequest request, SubscriberPrincipal principal) {
        request.getSession().setAttribute(VERIFIED_ATTRIBUTE, principal.subscriberId());
    }

    boolean isVerified(HttpServletRequest request, SubscriberPrincipal principal) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(VERIFIED_ATTRIBUTE) instanceof Long id
                && id == principal.subscriberId();
    }

    /**
     * Replaces the session's first-sign-in authentication with a full subscriber one and gives the session a new
     * id, so a copy of the cookie taken during the first sign-in stops working.
     */
    void completeSignIn(HttpServletRequest request, HttpServletResponse response, SubscriberPrincipal principal) {
        SubscriberPrincipal full = principal.withFirstSignInCompleted();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(full, null, full.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        request.getSession().removeAttribute(VERIFIED_ATTRIBUTE);
        request.changeSessionId();
    }

    /**
     * Ends the session after the account was locked, so the client must sign in again once the lock ends.
     */
    void end(HttpServletRequest request) {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
