package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Subscribing to one service and unsubscribing again, repeatedly: a cycle is a subscription followed by an
 * unsubscription of the same service, both in the window.
 */
@Component
class SubscriptionChurnDetector implements Detector {

    static final String NAME = "subscription-churn";

    private final MonitoringEventStore events;

    private final SubscriptionChurnProperties properties;

    SubscriptionChurnDetector(MonitoringEventStore events, SubscriptionChurnProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean watches(MonitoredEvent.Kind kind) {
        return kind == MonitoredEvent.Kind.UNSUBSCRIBED;
    }

    @Override
    public Duration reach() {
        return properties.window();
    }

    @Override
    public Optional<Detection> inspect(MonitoredEvent event, Window window) {
        Instant end = window.end();
        if (event.serviceCode() == null) {
            return Optional.empty();
        }
        int cycles = cycles(events.subscriptionChanges(event.subscriberId(), event.serviceCode(),
                window.start(properties.window()), end));
        Alert.Severity severity = Detection.severityOf(cycles, properties.warningCount(), properties.severeCount());
        if (severity == null) {
            return Optional.empty();
        }
        String summary = cycles + " cycles of subscribing and unsubscribing in " + DurationWords.of(properties.window());
        return Optional.of(new Detection(NAME, severity, event.subscriberId(), event.serviceCode(), summary));
    }

    /** Counts the unsubscriptions that follow a subscription seen earlier in the same list. */
    static int cycles(List<MonitoredEvent.Kind> changes) {
        int cycles = 0;
        boolean subscribed = false;
        for (MonitoredEvent.Kind change : changes) {
            if (change == MonitoredEvent.Kind.SUBSCRIBED) {
                subscribed = true;
            }
            else if (subscribed) {
                cycles++;
                subscribed = false;
            }
        }
        return cycles;
    }
}
