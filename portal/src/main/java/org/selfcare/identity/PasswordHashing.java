package org.selfcare.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password hash, needed by the web portal and by commands that provision subscribers alike.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    /**
     * Argon2id at OWASP's minimum for Argon2id: 19 MiB of memory, 2 iterations, 1 lane, with a 16-byte salt and a
     * 32-byte hash. Spring Security's own defaults use less memory than that.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2idPasswordEncoder();
    }
}
