package org.selfcare.operator.api;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.selfcare.audit.SecurityLog;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Access rules of the operator API: {@code /operator/**} needs the bearer token and nothing else. Requests are
 * stateless: no session, no cookie, and so no CSRF token, because a browser never sends the token by itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OperatorSecurityConfiguration {

    private static final long ONE_YEAR_IN_SECONDS = 31_536_000L;

    /**
     * Checked before the customer portal's rules, which take every request that this chain does not.
     */
    @Bean
    @Order(1)
    SecurityFilterChain operatorSecurity(HttpSecurity http, OperatorToken token, SecurityLog securityLog,
            Clock clock, ObjectMapper json, MessageSource messages) throws Exception {
        http.securityMatcher("/operator/**");
        http.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole(OperatorTokenFilter.OPERATOR_ROLE));
        http.addFilterBefore(new OperatorTokenFilter(token, securityLog, clock), AuthorizationFilter.class);

        http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.csrf((csrf) -> csrf.disable());
        http.requestCache((cache) -> cache.disable());
        http.formLogin((form) -> form.disable());
        http.httpBasic((basic) -> basic.disable());
        http.logout((logout) -> logout.disable());
        http.anonymous((anonymous) -> anonymous.disable());

        http.exceptionHandling((exceptions) -> exceptions
                .authenticationEntryPoint(unauthorized(json, messages))
                .accessDeniedHandler(forbidden(json, messages)));
        http.headers((headers) -> headers
                .httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true)
                        .maxAgeInSeconds(ONE_YEAR_IN_SECONDS))
                .contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * Answers 404 for paths of the other port before any access rule runs.
     */
    @Bean
    FilterRegistrationBean<OperatorPortFilter> operatorPortFilter(OperatorConnector connector) {
        FilterRegistrationBean<OperatorPortFilter> registration = new FilterRegistrationBean<>(
                new OperatorPortFilter(connector));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }

    private static AuthenticationEntryPoint unauthorized(ObjectMapper json, MessageSource messages) {
        return (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, text(messages, "operator.unauthorized"), json);
        };
    }

    private static AccessDeniedHandler forbidden(ObjectMapper json, MessageSource messages) {
        return (request, response, exception) -> write(response, HttpServletResponse.SC_FORBIDDEN,
                text(messages, "operator.forbidden"), json);
    }

    private static String text(MessageSource messages, String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private static void write(HttpServletResponse response, int status, String message, ObjectMapper json)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        body.put("errorId", UUID.randomUUID().toString());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        json.writeValue(response.getOutputStream(), body);
    }
}
