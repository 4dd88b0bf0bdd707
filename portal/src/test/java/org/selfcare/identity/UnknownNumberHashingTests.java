package org.selfcare.identity;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.selfcare.identity.SubscriberDirectory.StoredCredentials;
import org.selfcare.platform.SelfcareProperties;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Unknown numbers must cost the same hashing work as wrong passwords. Comparing response times would be flaky
 * on a shared machine, so this test counts the Argon2id verifications instead. A wrong password takes one
 * verification, and so does an unknown number or text that is not a number, against a dummy hash.
 */
class UnknownNumberHashingTests {

    private static final String KNOWN = "+447700900123";

    private final CountingEncoder encoder = new CountingEncoder();

    private final DaoAuthenticationProvider provider = provider();

    @Test
    void wrongPasswordIsVerifiedOnce() {
        assertRejectedAfterOneVerification("07700 900123");
    }

    @Test
    void unknownNumberIsVerifiedOnce() {
        assertRejectedAfterOneVerification("07700 900999");
    }

    @Test
    void textThatIsNotNumberIsVerifiedOnce() {
        assertRejectedAfterOneVerification("not a number");
    }

    private void assertRejectedAfterOneVerification(String typed) {
        int before = encoder.matches.get();

        assertThatThrownBy(() -> provider.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(typed, "wrong-password")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(encoder.matches.get() - before).isEqualTo(1);
    }

    private DaoAuthenticationProvider provider() {
        SubscriberDirectory directory = mock(SubscriberDirectory.class);
        when(directory.findCredentials(anyString())).thenReturn(Optional.empty());
        when(directory.findCredentials(KNOWN)).thenReturn(Optional.of(new StoredCredentials(1, KNOWN,
                encoder.encode("Kettle-Harbour-42!"), SubscriberStatus.ACTIVE, ZoneId.of("Europe/London"))));
        SelfcareProperties properties = new SelfcareProperties(null, 8080, "GB", null);
        return LockoutConfiguration.passwordProvider(new SubscriberUserDetailsService(directory, properties, Clock.systemUTC()), encoder);
    }

    /**
     * The portal's Argon2id settings, counting each verification.
     */
    private static final class CountingEncoder implements PasswordEncoder {

        private final PasswordEncoder argon2 = new PasswordHashing().passwordEncoder();

        private final AtomicInteger matches = new AtomicInteger();

        @Override
        public String encode(CharSequence rawPassword) {
            return argon2.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            matches.incrementAndGet();
            return argon2.matches(rawPassword, encodedPassword);
        }
    }
}
