package org.selfcare.notification;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTests {

    private static final Instant CREATED = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void delayDoublesPerAttempt() {
        RetryPolicy policy = policy(0.999_999);

        assertThat(policy.delayAfter(1)).isBetween(Duration.ofMillis(4_999), Duration.ofSeconds(5));
        assertThat(policy.delayAfter(2)).isBetween(Duration.ofMillis(9_999), Duration.ofSeconds(10));
        assertThat(policy.delayAfter(3)).isBetween(Duration.ofMillis(19_999), Duration.ofSeconds(20));
    }

    @Test
    void delayIsCappedAtMaximum() {
        RetryPolicy policy = policy(0.999_999);

        assertThat(policy.delayAfter(20)).isBetween(Duration.ofMillis(599_999), Duration.ofMinutes(10));
        assertThat(policy.delayAfter(Integer.MAX_VALUE)).isLessThanOrEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterTakesAtMostHalf() {
        assertThat(policy(0).delayAfter(1)).isEqualTo(Duration.ofMillis(2_500));
        assertThat(policy(0.5).delayAfter(1)).isEqualTo(Duration.ofMillis(3_750));
    }

    @Test
    void retriesStopAtMaxAttempts() {
        RetryPolicy policy = policy(0);

        assertThat(policy.allowsRetry(4, CREATED, CREATED.plusSeconds(60))).isTrue();
        assertThat(policy.allowsRetry(5, CREATED, CREATED.plusSeconds(60))).isFalse();
    }

    @Test
    void retriesStopAtMaxAge() {
        RetryPolicy policy = policy(0);

        assertThat(policy.allowsRetry(1, CREATED, CREATED.plus(Duration.ofHours(24)).minusSeconds(1))).isTrue();
        assertThat(policy.allowsRetry(1, CREATED, CREATED.plus(Duration.ofHours(24)))).isFalse();
    }

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), 5, Duration.ofHours(24), () -> random);
    }
}
