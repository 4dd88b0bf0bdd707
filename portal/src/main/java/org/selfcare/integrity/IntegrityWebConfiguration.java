package org.selfcare.integrity;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import org.selfcare.audit.SecurityLog;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;

/**
 * Registers the signature check of API requests right after Spring Security's filters, and the removal of the
 * session key at every new sign-in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class IntegrityWebConfiguration {

    @Bean
    FilterRegistrationBean<RequestSignatureFilter> requestSignatureFilter(IntegrityProperties properties,
            NonceStore nonces, SecurityLog securityLog, IntegrityResponses responses, Clock clock,
            SecurityFilterProperties security) {
        FilterRegistrationBean<RequestSignatureFilter> registration = new FilterRegistrationBean<>(
                new RequestSignatureFilter(properties, nonces, securityLog, responses, clock));
        registration.addUrlPatterns("/api/v1/*");
        // Only the client's own request: error pages rendered by a forward have no signature of their own.
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(security.getOrder() + 1);
        return registration;
    }

    /**
     * Removes any session key before the session becomes a newly signed-in one, so a new sign-in always starts
     * without a key. The first sign-in's own session id change keeps the key, because it does not pass here.
     */
    @Bean
    SessionAuthenticationStrategy sessionKeyReset() {
        return (authentication, request, response) -> {
            var session = request.getSession(false);
            if (session != null) {
                SessionKeys.remove(session);
            }
        };
    }
}
