package org.selfcare.monitoring;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Subscribing to one service and unsubscribing again, repeatedly: a cycle is a subscription followed by an
 * unsubscription of the same service, both in the window.
 */
@Component
class SubscriptionChurnDetector extends ThresholdDetector {

    static final String NAME = "subscription-churn";

    private final MonitoringEventStore events;

    SubscriptionChurnDetector(MonitoringEventStore events, SubscriptionChurnProperties properties) {
        super(NAME, MonitoredEvent.Kind.UNSUBSCRIBED, properties.window(), properties.warningCount(),
                properties.severeCount(), "cycles of subscribing and unsubscribing");
        this.events = events;
    }

    @Override
    long count(MonitoredEvent event, Instant start, Instant end) {
        if (event.serviceCode() == null) {
            return 0;
        }
        return cycles(events.subscriptionChanges(event.subscriberId(), event.serviceCode(), start, end));
    }

    @Override
    String serviceCode(MonitoredEvent event) {
        return event.serviceCode();
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
