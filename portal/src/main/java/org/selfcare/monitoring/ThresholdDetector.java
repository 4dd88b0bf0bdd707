package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A detector that counts one thing about a subscriber in its window and compares the count with a warning and a
 * severe threshold. Subclasses define what they count.
 */
abstract class ThresholdDetector implements Detector {

    private final String name;

    private final MonitoredEvent.Kind watched;

    private final Duration window;

    private final int warningCount;

    private final int severeCount;

    /** What is counted, in the plural, for the summary, such as {@code code requests}. */
    private final String counted;

    ThresholdDetector(String name, MonitoredEvent.Kind watched, Duration window, int warningCount, int severeCount,
            String counted) {
        this.name = name;
        this.watched = watched;
        this.window = window;
        this.warningCount = warningCount;
        this.severeCount = severeCount;
        this.counted = counted;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean watches(MonitoredEvent.Kind kind) {
        return kind == watched;
    }

    @Override
    public Duration reach() {
        return window;
    }

    @Override
    public Optional<Detection> inspect(MonitoredEvent event, Window end) {
        long count = count(event, end.start(window), end.end());
        Alert.Severity severity = Detection.severityOf(count, warningCount, severeCount);
        if (severity == null) {
            return Optional.empty();
        }
        String summary = count + " " + counted + " in " + DurationWords.of(window);
        return Optional.of(new Detection(name, severity, event.subscriberId(), serviceCode(event), summary));
    }

    /** Counts what the detector watches for in the window from {@code start} (exclusive) to {@code end}. */
    abstract long count(MonitoredEvent event, Instant start, Instant end);

    /** Returns the service the alert concerns besides the subscriber, or {@code null}. */
    String serviceCode(MonitoredEvent event) {
        return null;
    }
}
