package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * One service's new subscriptions, by all subscribers, off its moving baseline: the subscriptions in the window
 * reach a minimum count and a multiple of the service's average per window over the baseline period before it.
 * The alert concerns the service, and no subscriber is marked, because each subscriber may have done nothing
 * unusual.
 */
@Component
class ServiceVolumeDetector implements Detector {

    static final String NAME = "service-volume";

    private final MonitoringEventStore events;

    private final ServiceVolumeProperties properties;

    ServiceVolumeDetector(MonitoringEventStore events, ServiceVolumeProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean watches(MonitoredEvent.Kind kind) {
        return kind == MonitoredEvent.Kind.SUBSCRIBED;
    }

    @Override
    public boolean serviceWide() {
        return true;
    }

    @Override
    public Duration reach() {
        return properties.window().plus(properties.baseline());
    }

    @Override
    public Optional<Detection> inspect(MonitoredEvent event, Window window) {
        Instant end = window.end();
        if (event.serviceCode() == null) {
            return Optional.empty();
        }
        Instant windowStart = window.start(properties.window());
        Instant fullWindowStart = end.minus(properties.window());
        long count = events.countForService(event.serviceCode(), MonitoredEvent.Kind.SUBSCRIBED, windowStart, end);
        if (count < properties.warningCount()) {
            return Optional.empty();
        }

        long before = events.countForService(event.serviceCode(), MonitoredEvent.Kind.SUBSCRIBED,
                fullWindowStart.minus(properties.baseline()), fullWindowStart);
        double baseline = before / ((double) properties.baseline().toSeconds() / properties.window().toSeconds());
        Alert.Severity severity = severity(count, baseline);
        if (severity == null) {
            return Optional.empty();
        }
        String summary = String.format(Locale.ROOT, "%d new subscriptions to %s in %s, baseline %.1f", count,
                event.serviceCode(), DurationWords.of(properties.window()), baseline);
        return Optional.of(new Detection(NAME, severity, null, event.serviceCode(), summary));
    }

    private Alert.Severity severity(long count, double baseline) {
        if (count >= properties.severeCount() && count >= properties.severeFactor() * baseline) {
            return Alert.Severity.SEVERE;
        }
        if (count >= properties.warningFactor() * baseline) {
            return Alert.Severity.WARNING;
        }
        return null;
    }
}
