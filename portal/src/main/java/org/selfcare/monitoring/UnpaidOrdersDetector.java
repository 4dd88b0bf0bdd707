package org.selfcare.monitoring;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Orders placed and not paid: the subscriber's orders placed in the window that are still open, or were
 * cancelled or expired without payment. Placing is what raises the count, so only a new order is inspected.
 */
@Component
class UnpaidOrdersDetector extends ThresholdDetector {

    static final String NAME = "unpaid-orders";

    private final MonitoringEventStore events;

    UnpaidOrdersDetector(MonitoringEventStore events, UnpaidOrdersProperties properties) {
        super(NAME, MonitoredEvent.Kind.ORDER_PLACED, properties.window(), properties.warningCount(),
                properties.severeCount(), "unpaid orders placed");
        this.events = events;
    }

    @Override
    long count(MonitoredEvent event, Instant start, Instant end) {
        return events.countUnpaidPlaced(event.subscriberId(), start, end);
    }
}
