package org.selfcare.monitoring;

import java.time.Duration;
import java.util.Optional;

/**
 * One abnormal pattern, found by counting stored events in a sliding window. Detectors run in the transaction
 * that stored the event, after it was stored, under the lock of its subscriber (and of its service for
 * subscription events).
 */
interface Detector {

    /** The detector's name in alerts, properties and the operator API, such as {@code order-surge}. */
    String name();

    /** Whether an event of this kind can complete the pattern. */
    boolean watches(MonitoredEvent.Kind kind);

    /** How far back before an event this detector reads, so older events can be deleted. */
    Duration reach();

    /** Returns whether the detector's alerts concern a service rather than a subscriber. */
    default boolean serviceWide() {
        return false;
    }

    /**
     * Looks for the pattern in the window that ends at {@code window.end()}: the event's own time, or the time of
     * a later event of the same kind that was stored before this one.
     *
     * @return the detection, or empty when the counts stay below the warning threshold
     */
    Optional<Detection> inspect(MonitoredEvent event, Window window);
}
