package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The end of a detector's sliding window, and the earliest time it may reach back to.
 *
 * @param end the end of the window, inclusive
 * @param notBefore when staff last resolved an alert of this detector about the same subscriber (or service), or
 *        {@code null}; events up to then were judged, so they do not count again
 */
record Window(Instant end, Instant notBefore) {

    Window {
        Objects.requireNonNull(end, "end must not be null");
    }

    /** Returns the exclusive start of a window of {@code length} that ends at {@link #end}. */
    Instant start(Duration length) {
        Instant start = end.minus(length);
        return (notBefore != null && notBefore.isAfter(start)) ? notBefore : start;
    }
}
