package org.selfcare.identity;

import java.util.List;

import tools.jackson.databind.ObjectMapper;

import org.selfcare.platform.SignedInApiFilter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Access rules of the portal: sign-in by phone number and password, every page and API call behind it, and the
 * response headers that keep a browser strict about where content comes from. A subscriber signed in with the
 * initial password has only the first-sign-in role, which reaches the first-sign-in pages and API and nothing
 * else, because every other path requires the subscriber role.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    /**
     * Content-Security-Policy for every response: scripts, styles and images from this origin only, no inline
     * script or style, no framing, forms post only here.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private static final long ONE_YEAR_IN_SECONDS = 31_536_000L;

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, SingleSessionStrategy singleSession,
            EndedSessionRequestMatcher endedSession, SignedInElsewhereEntryPoint signedInElsewhere,
            CaptchaFilter captchaFilter, MessageSource messages, ObjectMapper json,
            List<SessionAuthenticationStrategy> otherModulesStrategies, List<SignedInApiFilter> apiFilters)
            throws Exception {
        http.authorizeHttpRequests((requests) -> requests
                .requestMatchers("/signin", SignInFailureHandler.REFUSED_PATH, "/css/**", "/js/**", "/images/**", "/error",
                        "/favicon.ico").permitAll()
                .requestMatchers(CaptchaController.IMAGE_PATH).permitAll()
                // The public key that purchase requests are encrypted to. It contains no secret.
                .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json").permitAll()
                // The payment provider's return address arrives without the SameSite=Strict session cookie; the
                // page only moves the browser on to the order page, which needs the session.
                .requestMatchers(HttpMethod.GET, "/orders/*/return").permitAll()
                // The pages redirect a subscriber who has finished the first sign-in to the overview.
                .requestMatchers("/first-sign-in", "/first-sign-in/**")
                .hasAnyRole(SubscriberPrincipal.FIRST_SIGN_IN_ROLE, SubscriberPrincipal.SUBSCRIBER_ROLE)
                .requestMatchers("/api/v1/first-sign-in/**").hasRole(SubscriberPrincipal.FIRST_SIGN_IN_ROLE)
                // The key that signs API requests is fetched right after sign-in, also during the first sign-in.
                .requestMatchers(HttpMethod.POST, "/api/v1/session-key")
                .hasAnyRole(SubscriberPrincipal.FIRST_SIGN_IN_ROLE, SubscriberPrincipal.SUBSCRIBER_ROLE)
                .anyRequest().hasRole(SubscriberPrincipal.SUBSCRIBER_ROLE));
        http.exceptionHandling((exceptions) -> exceptions
                .accessDeniedHandler(new FirstSignInRequiredHandler(messages, json)));

        http.formLogin((form) -> form
                .loginPage("/signin")
                .loginProcessingUrl("/signin")
                .usernameParameter("msisdn")
                .passwordParameter("password")
                .defaultSuccessUrl("/", true)
                .failureHandler(new SignInFailureHandler()));

        // The verification code is checked after the CSRF token and before the password.
        http.addFilterBefore(captchaFilter, UsernamePasswordAuthenticationFilter.class);

        // Other modules' API filters run once the signed-in user is known and before access refusals are written,
        // so a refusal such as first_sign_in_required passes through them too (the response signature covers it).
        for (SignedInApiFilter apiFilter : apiFilters) {
            http.addFilterBefore(apiFilter, ExceptionTranslationFilter.class);
        }

        http.logout((logout) -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?signedout"));

        // The API returns 401 instead of redirecting, so scripts and tools see the real status; pages send the
        // browser to sign-in whatever it accepts.
        RequestMatcher api = PathPatternRequestMatcher.pathPattern("/api/**");
        // A client whose session a newer sign-in ended learns why: the API returns 401 with that reason, and pages
        // redirect to a sign-in page that shows it. Added first, because the first matching entry point wins.
        http.exceptionHandling((exceptions) -> exceptions
                .defaultAuthenticationEntryPointFor(signedInElsewhere, new AndRequestMatcher(endedSession, api))
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/signin?elsewhere"),
                        endedSession));
        http.exceptionHandling((exceptions) -> exceptions
                .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api)
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/signin"),
                        new NegatedRequestMatcher(api)));

        http.headers((headers) -> headers
                .contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(ONE_YEAR_IN_SECONDS))
                .referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions((frame) -> frame.deny())
                .permissionsPolicyHeader((permissions) -> permissions
                        .policy("camera=(), microphone=(), geolocation=(), payment=()")));

        http.sessionManagement((session) -> session.sessionFixation((fixation) -> fixation.changeSessionId()));
        // One session per subscriber: runs before the session id changes, and deletes the subscriber's other
        // sessions from the shared store.
        http.sessionManagement((session) -> session.addSessionAuthenticationStrategy(singleSession));
        // Other modules reset their own session state at sign-in, such as the key that signs API requests.
        otherModulesStrategies.stream()
                .filter((strategy) -> strategy != singleSession)
                .forEach((strategy) -> http.sessionManagement(
                        (session) -> session.addSessionAuthenticationStrategy(strategy)));
        return http.build();
    }
}
