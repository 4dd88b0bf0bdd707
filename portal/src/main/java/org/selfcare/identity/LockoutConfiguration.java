package org.selfcare.identity;

import java.time.Clock;

import org.selfcare.audit.SecurityLog;
import org.selfcare.platform.SelfcareProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The portal's only authentication provider: the password check behind the lockout and the throttle.
 */
@Configuration(proxyBeanMethods = false)
class LockoutConfiguration {

    /**
     * Spring Security uses a single {@link AuthenticationProvider} bean for the global authentication manager
     * and then builds no provider of its own from the {@code UserDetailsService}, so no sign-in can skip the
     * lockout. A second {@code AuthenticationProvider} bean would undo that: Spring Security would then fall back
     * to a plain password provider.
     */
    @Bean
    AuthenticationProvider lockoutAuthenticationProvider(SubscriberUserDetailsService userDetails,
            PasswordEncoder passwordEncoder, SignInLockouts lockouts, AddressThrottle throttle,
            SubscriberDirectory directory, SecurityLog securityLog, LockNotice lockNotice, SelfcareProperties properties,
            Clock clock) {
        return new LockoutAuthenticationProvider(passwordProvider(userDetails, passwordEncoder), lockouts, throttle,
                directory, securityLog, lockNotice, properties, clock);
    }

    static DaoAuthenticationProvider passwordProvider(SubscriberUserDetailsService userDetails,
            PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
        provider.setPasswordEncoder(passwordEncoder);
        return provider;
    }
}
