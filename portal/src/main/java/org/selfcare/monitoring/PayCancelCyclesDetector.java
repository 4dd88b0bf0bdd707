package org.selfcare.monitoring;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Payments requested and then abandoned: orders of one subscriber cancelled in the window after a payment of
 * them was requested, such as a provider checkout started and then cancelled, again and again.
 */
@Component
class PayCancelCyclesDetector extends ThresholdDetector {

    static final String NAME = "pay-cancel-cycles";

    private final MonitoringEventStore events;

    PayCancelCyclesDetector(MonitoringEventStore events, PayCancelCyclesProperties properties) {
        super(NAME, MonitoredEvent.Kind.ORDER_CANCELLED, properties.window(), properties.warningCount(),
                properties.severeCount(), "orders cancelled after a payment request");
        this.events = events;
    }

    @Override
    long count(MonitoredEvent event, Instant start, Instant end) {
        return events.countCancelledAfterPaymentRequest(event.subscriberId(), start, end);
    }
}
