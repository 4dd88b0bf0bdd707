package org.selfcare.identity;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInAttemptTests {

    private static final Duration LOCK = Duration.ofMinutes(5);

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void firstAttemptIsNumberOne() {
        SignInAttempt attempt = SignInAttempt.next(0, null, null, NOW, 3, LOCK);

        assertThat(attempt.number()).isEqualTo(1);
        assertThat(attempt.refused()).isFalse();
        assertThat(attempt.locksOnFailure()).isFalse();
    }

    @Test
    void attemptAtThresholdLocksOnFailure() {
        SignInAttempt attempt = SignInAttempt.next(2, null, NOW.minusSeconds(10), NOW, 3, LOCK);

        assertThat(attempt.number()).isEqualTo(3);
        assertThat(attempt.refused()).isFalse();
        assertThat(attempt.locksOnFailure()).isTrue();
        assertThat(attempt.lockedUntil()).isEqualTo(NOW.plus(LOCK));
    }

    @Test
    void attemptBelowThresholdDoesNotLock() {
        SignInAttempt attempt = SignInAttempt.next(1, null, NOW.minusSeconds(10), NOW, 3, LOCK);

        assertThat(attempt.lockedUntil()).isNull();
    }

    @Test
    void attemptWhileLockedIsRefused() {
        Instant lockedUntil = NOW.plusSeconds(1);

        SignInAttempt attempt = SignInAttempt.next(3, lockedUntil, NOW.minusSeconds(10), NOW, 3, LOCK);

        assertThat(attempt.refused()).isTrue();
        assertThat(attempt.lockedUntil()).isEqualTo(lockedUntil);
        assertThat(attempt.locksOnFailure()).isFalse();
    }

    @Test
    void refusedAttemptsDoNotExtendLock() {
        Instant lockedUntil = NOW.plusSeconds(60);

        SignInAttempt attempt = SignInAttempt.next(40, lockedUntil, NOW.minusSeconds(1), NOW, 3, LOCK);

        assertThat(attempt.lockedUntil()).isEqualTo(lockedUntil);
    }

    @Test
    void attemptAtLockEndStartsOver() {
        SignInAttempt attempt = SignInAttempt.next(3, NOW, NOW.minus(LOCK), NOW, 3, LOCK);

        assertThat(attempt.refused()).isFalse();
        assertThat(attempt.lockExpired()).isTrue();
        assertThat(attempt.number()).isEqualTo(1);
    }

    @Test
    void attemptAfterQuietPeriodStartsOver() {
        SignInAttempt attempt = SignInAttempt.next(2, null, NOW.minus(LOCK), NOW, 3, LOCK);

        assertThat(attempt.number()).isEqualTo(1);
        assertThat(attempt.lockExpired()).isFalse();
    }

    @Test
    void singleFailureLocksWhenMaxIsOne() {
        SignInAttempt attempt = SignInAttempt.next(0, null, null, NOW, 1, LOCK);

        assertThat(attempt.locksOnFailure()).isTrue();
    }
}
