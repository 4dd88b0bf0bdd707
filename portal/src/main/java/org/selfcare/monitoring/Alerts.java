package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored alerts, for the operator console.
 */
public interface Alerts {

    /**
     * Returns alerts newest first.
     *
     * @param openOnly whether to leave resolved alerts out
     * @param limit at most this many, 1 to 500
     */
    List<Alert> list(boolean openOnly, int limit);

    /** Alerts about one subscriber, newest first, at most {@code limit}. */
    List<Alert> forSubscriber(long subscriberId, int limit);

    Optional<Alert> find(long id);

    /**
     * Resolves an open alert. When {@code clearRisk} is set and no other open alert concerns the subscriber, the
     * subscriber is no longer at risk or blocked.
     *
     * @param staffUser who resolved it, as the security log records it
     * @param resolution what they found, in their words, 1 to 500 characters
     * @return the resolved alert, or empty when there is no open alert with that id
     */
    Optional<Alert> resolve(long id, String staffUser, String resolution, boolean clearRisk);

    /**
     * Counts alerts raised per interval of {@code bucket} from {@code from} to {@code to}, for the console's
     * chart. Intervals without alerts are present with zero.
     */
    List<Count> raisedPer(Duration bucket, Instant from, Instant to);

    /** Alerts raised in the interval that starts at {@code start}. */
    record Count(Instant start, long count) {
    }
}
