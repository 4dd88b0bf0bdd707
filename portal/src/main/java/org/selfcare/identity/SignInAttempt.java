package org.selfcare.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * One sign-in attempt as the lockout counts it when the attempt begins, before the password is checked.
 *
 * @param number the attempt's number since the last successful sign-in, expired lock or quiet period
 * @param lockedUntil end of the lock on the identifier, or {@code null} when it is not locked
 * @param refused whether the identifier was already locked, so the password must not be checked
 * @param lockExpired whether a lock ended since the previous attempt
 */
record SignInAttempt(int number, Instant lockedUntil, boolean refused, boolean lockExpired) {

    /**
     * Decides the next attempt from the stored state of the identifier. Failures count towards a lock while each
     * follows the previous one within {@code duration}. The attempt that reaches {@code maxFailures} sets the lock
     * as it begins, so attempts sent at the same time as it are refused without a password check. When that
     * attempt then succeeds, the lock is lifted with the count.
     */
    static SignInAttempt next(int storedAttempts, Instant storedLockedUntil, Instant lastAttemptAt, Instant now,
            int maxFailures, Duration duration) {
        if (storedLockedUntil != null && storedLockedUntil.isAfter(now)) {
            return new SignInAttempt(storedAttempts + 1, storedLockedUntil, true, false);
        }
        boolean lockExpired = storedLockedUntil != null;
        boolean quiet = lastAttemptAt == null || !lastAttemptAt.plus(duration).isAfter(now);
        int number = (lockExpired || quiet) ? 1 : storedAttempts + 1;
        Instant lockedUntil = (number >= maxFailures) ? now.plus(duration) : null;
        return new SignInAttempt(number, lockedUntil, false, lockExpired);
    }

    /**
     * Returns whether this attempt, if its password is wrong, leaves the identifier locked.
     */
    boolean locksOnFailure() {
        return !refused && lockedUntil != null;
    }
}
