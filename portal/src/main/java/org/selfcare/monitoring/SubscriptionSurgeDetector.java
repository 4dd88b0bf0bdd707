package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * A subscriber's subscriptions rising suddenly: new subscriptions to any services in the window.
 */
@Component
class SubscriptionSurgeDetector implements Detector {

    static final String NAME = "subscription-surge";

    private final MonitoringEventStore events;

    private final SubscriptionSurgeProperties properties;

    SubscriptionSurgeDetector(MonitoringEventStore events, SubscriptionSurgeProperties properties) {
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
    public Duration reach() {
        return properties.window();
    }

    @Override
    public Optional<Detection> inspect(MonitoredEvent event, Window window) {
        Instant end = window.end();
        long count = events.count(event.subscriberId(), MonitoredEvent.Kind.SUBSCRIBED, window.start(properties.window()),
                end);
        Alert.Severity severity = Detection.severityOf(count, properties.warningCount(), properties.severeCount());
        if (severity == null) {
            return Optional.empty();
        }
        String summary = count + " new subscriptions in " + DurationWords.of(properties.window());
        return Optional.of(new Detection(NAME, severity, event.subscriberId(), null, summary));
    }
}
