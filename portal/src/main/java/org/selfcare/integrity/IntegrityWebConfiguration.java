package org.selfcare.integrity;

import java.time.Clock;

import org.selfcare.audit.SecurityLog;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;

/**
 * Declares the signature check of API requests, which Spring Security's chain runs before it writes access
 * refusals, and the removal of the session key at every new sign-in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class IntegrityWebConfiguration {

    @Bean
    RequestSignatureFilter requestSignatureFilter(IntegrityProperties properties, NonceStore nonces,
            SecurityLog securityLog, IntegrityResponses responses, Clock clock) {
        return new RequestSignatureFilter(properties, nonces, securityLog, responses, clock);
    }

    /**
     * Keeps the servlet container from running the signature check a second time outside Spring Security's
     * chain, which runs it as a {@link org.selfcare.platform.SignedInApiFilter}.
     */
    @Bean
    FilterRegistrationBean<RequestSignatureFilter> requestSignatureFilterRegistration(RequestSignatureFilter filter) {
        FilterRegistrationBean<RequestSignatureFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
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
