package org.selfcare.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The native Argon2id encoder against Spring Security's pure-Java one: the same encoded form both ways, so hashes
 * stored before the switch still verify, and every damaged or foreign hash is a plain mismatch.
 */
class Argon2idPasswordEncoderTests {

    private static final String PASSWORD = "Kettle-Harbour-42!";

    private final Argon2idPasswordEncoder encoder = new Argon2idPasswordEncoder();

    private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    @Test
    void encodesOwaspMinimumParameters() {
        String hash = encoder.encode(PASSWORD);

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(encoder.matches(PASSWORD, hash)).isTrue();
    }

    @Test
    void verifiesHashesOfSpringEncoder() {
        String stored = spring.encode(PASSWORD);

        assertThat(encoder.matches(PASSWORD, stored)).isTrue();
        assertThat(encoder.matches(PASSWORD + "x", stored)).isFalse();
    }

    @Test
    void springEncoderVerifiesItsHashes() {
        assertThat(spring.matches(PASSWORD, encoder.encode(PASSWORD))).isTrue();
    }

    @Test
    void nonAsciiPasswordsMatchBothWays() {
        String password = "Zürich-Straße-日本-7";

        assertThat(encoder.matches(password, spring.encode(password))).isTrue();
        assertThat(spring.matches(password, encoder.encode(password))).isTrue();
    }

    @Test
    void wrongPasswordDoesNotMatch() {
        assertThat(encoder.matches("Kettle-Harbour-43!", encoder.encode(PASSWORD))).isFalse();
    }

    @Test
    void saltDiffersForEachHash() {
        assertThat(encoder.encode(PASSWORD)).isNotEqualTo(encoder.encode(PASSWORD));
    }

    @Test
    void alteredHashDoesNotMatch() {
        String hash = encoder.encode(PASSWORD);
        int last = hash.length() - 2;
        String altered = hash.substring(0, last) + (hash.charAt(last) == 'A' ? 'B' : 'A') + hash.substring(last + 1);

        assertThat(encoder.matches(PASSWORD, altered)).isFalse();
    }

    @Test
    void foreignOrDamagedHashesMatchNothing() {
        String weaker = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2).encode(PASSWORD)
                .replace("$argon2id$", "$argon2i$");

        assertThat(encoder.matches(PASSWORD, null)).isFalse();
        assertThat(encoder.matches(PASSWORD, "")).isFalse();
        assertThat(encoder.matches(PASSWORD, "{noop}" + PASSWORD)).isFalse();
        assertThat(encoder.matches(PASSWORD, weaker)).isFalse();
        assertThat(encoder.matches(PASSWORD, "$argon2id$v=19$m=19456,t=2,p=1$not-base64$")).isFalse();
    }

    @Test
    void limitOfOneVerifiesFromManyThreads() {
        Argon2idPasswordEncoder limited = new Argon2idPasswordEncoder(1);
        String hash = limited.encode(PASSWORD);

        List<Boolean> results = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> verifications = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    verifications.add(threads.submit(() -> limited.matches(PASSWORD, hash)));
                }
                List<Boolean> matched = new ArrayList<>();
                for (Future<Boolean> verification : verifications) {
                    matched.add(verification.get());
                }
                return matched;
            }
            finally {
                threads.shutdownNow();
            }
        });

        assertThat(results).hasSize(8).containsOnly(true);
    }

    @Test
    void undecodableHashReleasesItsTurn() {
        Argon2idPasswordEncoder limited = new Argon2idPasswordEncoder(1);
        String hash = limited.encode(PASSWORD);

        boolean damaged = limited.matches(PASSWORD, "$argon2id$v=19$m=19456,t=2,p=1$not-base64$");
        // With one turn, a turn kept by the failed verification would block this one forever.
        boolean intact = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> limited.matches(PASSWORD, hash));

        assertThat(damaged).isFalse();
        assertThat(intact).isTrue();
    }

    @Test
    void rejectsLimitBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2idPasswordEncoder(0));
    }
}
