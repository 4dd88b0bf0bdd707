package org.selfcare.monitoring;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * A subscriber's subscriptions rising suddenly: new subscriptions to any services in the window.
 */
@Component
class SubscriptionSurgeDetector extends ThresholdDetector {

    static final String NAME = "subscription-surge";

    private final MonitoringEventStore events;

    SubscriptionSurgeDetector(MonitoringEventStore events, SubscriptionSurgeProperties properties) {
        super(NAME, MonitoredEvent.Kind.SUBSCRIBED, properties.window(), properties.warningCount(),
                properties.severeCount(), "new subscriptions");
        this.events = events;
    }

    @Override
    long count(MonitoredEvent event, Instant start, Instant end) {
        return events.count(event.subscriberId(), MonitoredEvent.Kind.SUBSCRIBED, start, end);
    }
}
