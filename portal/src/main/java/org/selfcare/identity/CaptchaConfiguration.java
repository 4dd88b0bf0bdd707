package org.selfcare.identity;

import java.time.Clock;

import org.selfcare.audit.SecurityLog;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The verification code check of the sign-in form. Its filter runs only inside the security filter chain,
 * after the CSRF check, so the servlet container must not register it a second time.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class CaptchaConfiguration {

    @Bean
    CaptchaFilter captchaFilter(CaptchaChallenges challenges, SecurityLog securityLog, Clock clock) {
        return new CaptchaFilter(challenges, securityLog, clock);
    }

    @Bean
    FilterRegistrationBean<CaptchaFilter> captchaFilterRegistration(CaptchaFilter filter) {
        FilterRegistrationBean<CaptchaFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
