package org.selfcare.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, and the limits after which a notification is given up.
 */
final class RetryPolicy {

    private final Duration minDelay;

    private final Duration maxDelay;

    private final int maxAttempts;

    private final Duration maxAge;

    /** Returns values in [0, 1). */
    private final DoubleSupplier random;

    RetryPolicy(NotificationProperties properties) {
        this(properties.retryMinDelay(), properties.retryMaxDelay(), properties.maxAttempts(), properties.maxAge(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    RetryPolicy(Duration minDelay, Duration maxDelay, int maxAttempts, Duration maxAge, DoubleSupplier random) {
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
        this.maxAge = maxAge;
        this.random = random;
    }

    /**
     * Returns the delay after failed attempt number {@code attempt} (1 for the first): the minimum delay doubled
     * for each earlier attempt, capped at the maximum, then scaled by a random factor between 0.5 and 1 so that
     * notifications that failed together do not all retry at the same moment.
     */
    Duration delayAfter(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        long millis = minDelay.toMillis();
        for (int i = 0; i < doublings && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        long capped = Math.min(millis, maxDelay.toMillis());
        long jittered = (long) (capped * (0.5 + random.getAsDouble() / 2));
        return Duration.ofMillis(Math.max(jittered, 1));
    }

    /**
     * Returns whether a notification queued at {@code createdAt} may try again after failed attempt number
     * {@code attempt}, at {@code nextAttemptAt}.
     */
    boolean allowsRetry(int attempt, Instant createdAt, Instant nextAttemptAt) {
        return attempt < maxAttempts && nextAttemptAt.isBefore(createdAt.plus(maxAge));
    }
}
