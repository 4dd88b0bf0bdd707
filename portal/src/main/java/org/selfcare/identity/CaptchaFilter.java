package org.selfcare.identity;

import java.io.IOException;
import java.time.Clock;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Checks the verification code of every sign-in before the password is checked. A sign-in without a solved,
 * unexpired, unused code gets the same failure redirect as a wrong password, and a {@code CAPTCHA_FAILED}
 * event is recorded.
 */
class CaptchaFilter extends OncePerRequestFilter {

    /** Name of the sign-in form field that carries the answer. */
    static final String FIELD = "captcha";

    // The form login's processing URL, failure URL and user name parameter in SecurityConfiguration.
    private static final String SIGN_IN_PATH = "/signin";

    private static final String FAILURE_URL = "/signin?failed";

    private static final String USERNAME_PARAMETER = "msisdn";

    /** Maximum length of the identifier copied into the security log, so a client cannot flood the log. */
    private static final int MAX_LOGGED_IDENTIFIER_LENGTH = 64;

    private final RequestMatcher signIn = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, SIGN_IN_PATH);

    private final AuthenticationFailureHandler failureHandler =
            new SimpleUrlAuthenticationFailureHandler(FAILURE_URL);

    private final CaptchaChallenges challenges;

    private final SecurityLog securityLog;

    private final Clock clock;

    CaptchaFilter(CaptchaChallenges challenges, SecurityLog securityLog, Clock clock) {
        this.challenges = challenges;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !signIn.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CaptchaVerification verification = challenges.verify(request.getSession(false), request.getParameter(FIELD));
        if (verification.accepted()) {
            chain.doFilter(request, response);
            return;
        }
        securityLog.record(new SecurityEvent(SecurityEventType.CAPTCHA_FAILED, clock.instant(), null,
                identifier(request), request.getRemoteAddr(), "failure", verification.reason()));
        failureHandler.onAuthenticationFailure(request, response, new CaptchaRejectedException(verification));
    }

    private static String identifier(HttpServletRequest request) {
        String identifier = request.getParameter(USERNAME_PARAMETER);
        if (identifier == null || identifier.length() <= MAX_LOGGED_IDENTIFIER_LENGTH) {
            return identifier;
        }
        return identifier.substring(0, MAX_LOGGED_IDENTIFIER_LENGTH);
    }

    /**
     * A sign-in rejected for its verification code. The sign-in page shows only the generic failure message.
     */
    static final class CaptchaRejectedException extends AuthenticationException {

        CaptchaRejectedException(CaptchaVerification verification) {
            super("Verification code rejected: " + verification.reason());
        }
    }
}
