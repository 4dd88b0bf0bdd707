package org.selfcare.operator.api;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an operator API request whose {@code Authorization: Bearer} header carries the operator token,
 * and records every request, accepted or not, as a security event with its method, path and status. A request
 * without the right token stays anonymous, and the access rules reject it with 401.
 */
class OperatorTokenFilter extends OncePerRequestFilter {

    static final String OPERATOR_ROLE = "OPERATOR";

    /** Name of the operator in the security context, the token's holder, because the API has one operator identity. */
    static final String OPERATOR_NAME = "operator-token";

    private static final String BEARER = "Bearer ";

    private final OperatorToken token;

    private final SecurityLog securityLog;

    private final Clock clock;

    OperatorTokenFilter(OperatorToken token, SecurityLog securityLog, Clock clock) {
        this.token = token;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean authenticated = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && token.matches(header.substring(BEARER.length()).strip());
        if (authenticated) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(OPERATOR_NAME, null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + OPERATOR_ROLE))));
            SecurityContextHolder.setContext(context);
        }
        try {
            chain.doFilter(request, response);
        }
        finally {
            record(request, response, authenticated);
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, boolean authenticated) {
        int status = response.getStatus();
        String outcome;
        if (!authenticated) {
            outcome = "unauthorized";
        }
        else if (status < 400) {
            outcome = "success";
        }
        else {
            outcome = "failure";
        }
        String reason = request.getMethod() + " " + request.getRequestURI() + " answered " + status
                + (authenticated ? "" : "; missing or wrong bearer token");
        securityLog.record(new SecurityEvent(SecurityEventType.OPERATOR_REQUEST, clock.instant(), null,
                authenticated ? OPERATOR_NAME : null, request.getRemoteAddr(), outcome, reason));
    }
}
