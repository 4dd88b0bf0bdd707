package org.selfcare.operator.console;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.selfcare.operator.staff.StaffPrincipal;
import org.selfcare.operator.staff.StaffProperties;
import org.selfcare.operator.staff.StaffRole;
import org.selfcare.operator.staff.StaffSessions;
import org.selfcare.operator.staff.StaffSignIn;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.session.FindByIndexNameSessionRepository;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Access rules of the operator console, a security domain apart from the subscribers': its own chain for
 * {@code /console/**}, its own authentication manager (password and TOTP code), its own security context and
 * CSRF token attributes, and a shorter idle timeout. The session cookie differs by port (see the operator API's
 * session cookie). Each page and form is open to one role and each rule names its HTTP method, so anything not
 * listed is refused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurityConfiguration {

    static final String SIGN_IN_PATH = "/console/signin";

    /** The portal's strict policy: no inline script or style, nothing from elsewhere, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    /** Session attribute of the console's signed-in user, which the customer side never reads. */
    static final String SECURITY_CONTEXT_ATTRIBUTE = "SELFCARE_STAFF_SECURITY_CONTEXT";

    static final String CSRF_ATTRIBUTE = "SELFCARE_STAFF_CSRF_TOKEN";

    private static final long ONE_YEAR_IN_SECONDS = 31_536_000L;

    /**
     * Checked after the operator API's chain and before the customer portal's, which takes every request that
     * neither takes.
     */
    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http, StaffSignIn signIn, StaffActions actions,
            StaffProperties properties) throws Exception {
        http.securityMatcher("/console", "/console/**");
        http.authorizeHttpRequests((requests) -> requests
                .requestMatchers(GET, SIGN_IN_PATH, "/console/css/**", "/console/js/**", "/console/webjars/**")
                .permitAll()
                .requestMatchers(GET, "/console", "/console/chart", "/console/password").hasRole(StaffRole.STAFF)
                .requestMatchers(POST, "/console/password").hasRole(StaffRole.STAFF)
                .requestMatchers(GET, "/console/alerts", "/console/subscribers").hasRole(StaffRole.SUPPORT.roleName())
                .requestMatchers(POST, "/console/alerts/*/resolve", "/console/subscribers/*/unlock")
                .hasRole(StaffRole.SUPPORT.roleName())
                .requestMatchers(GET, "/console/catalogue").hasRole(StaffRole.CATALOGUE_MANAGER.roleName())
                .requestMatchers(POST, "/console/catalogue/**").hasRole(StaffRole.CATALOGUE_MANAGER.roleName())
                .requestMatchers(GET, "/console/audit").hasRole(StaffRole.AUDITOR.roleName())
                .requestMatchers(POST, "/console/audit/verify").hasRole(StaffRole.AUDITOR.roleName())
                .requestMatchers(GET, "/console/staff", "/console/provisioning")
                .hasRole(StaffRole.ADMINISTRATOR.roleName())
                .requestMatchers(POST, "/console/staff", "/console/staff/**", "/console/provisioning")
                .hasRole(StaffRole.ADMINISTRATOR.roleName())
                .anyRequest().denyAll());

        http.authenticationManager(new ProviderManager(new StaffAuthenticationProvider(signIn)));
        http.formLogin((form) -> form
                .loginPage(SIGN_IN_PATH)
                .loginProcessingUrl(SIGN_IN_PATH)
                .usernameParameter("username")
                .passwordParameter("password")
                .authenticationDetailsSource(StaffSignInDetails.source())
                .successHandler(signedIn(properties))
                // Only a redirect: the refusal keeps nothing in the session, where the default handler would put it.
                .failureHandler((request, response, exception) -> response.sendRedirect(request.getContextPath()
                        + SIGN_IN_PATH + "?failed")));
        http.logout((logout) -> logout.logoutUrl("/console/signout").logoutSuccessUrl(SIGN_IN_PATH + "?signedout"));

        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(SECURITY_CONTEXT_ATTRIBUTE);
        http.securityContext((context) -> context.securityContextRepository(contexts));
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setSessionAttributeName(CSRF_ATTRIBUTE);
        http.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens));
        // A saved request would sit in the session under the customer side's attribute name.
        http.requestCache((cache) -> cache.disable());
        http.sessionManagement((session) -> session.sessionFixation((fixation) -> fixation.changeSessionId()));

        http.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(denied(actions)));
        http.headers((headers) -> headers
                .contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(ONE_YEAR_IN_SECONDS))
                .referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions((frame) -> frame.deny())
                .permissionsPolicyHeader((permissions) -> permissions
                        .policy("camera=(), microphone=(), geolocation=(), payment=()")));
        return http.build();
    }

    /**
     * Gives the new session the console's idle timeout and indexes it under the staff name, so disabling the
     * account or changing its role can end it.
     */
    private static AuthenticationSuccessHandler signedIn(StaffProperties properties) {
        return (request, response, authentication) -> {
            HttpSession session = request.getSession();
            session.setMaxInactiveInterval((int) properties.idleTimeout().toSeconds());
            session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
                    StaffSessions.indexName(staff(authentication).username()));
            response.sendRedirect(request.getContextPath() + "/console");
        };
    }

    /** Records every refusal of a signed-in member of staff, and of a form without its CSRF token. */
    private static AccessDeniedHandler denied(StaffActions actions) {
        return (request, response, exception) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            String username = (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff)
                    ? staff.username() : null;
            String why = (exception instanceof CsrfException) ? "CSRF token missing or wrong" : "not allowed for the role";
            actions.denied(username, request, why);
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        };
    }

    private static StaffPrincipal staff(Authentication authentication) {
        return (StaffPrincipal) authentication.getPrincipal();
    }
}
