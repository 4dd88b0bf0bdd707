package org.selfcare.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One event the detectors count, as {@code monitoring_event} keeps it.
 *
 * @param kind what happened
 * @param subscriberId who did it
 * @param serviceCode the service of a subscription event, or {@code null}
 * @param orderNumber the order of an order event, or {@code null}
 * @param occurredAt when it happened, as the publishing feature stamped it; windows are measured on this time
 */
record MonitoredEvent(Kind kind, long subscriberId, String serviceCode, String orderNumber, Instant occurredAt) {

    MonitoredEvent {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(occurredAt, "occurredAt must not be null");
    }

    enum Kind {
        ORDER_PLACED, ORDER_PAYMENT_REQUESTED, ORDER_PAID, ORDER_CANCELLED, ORDER_EXPIRED, SUBSCRIBED, UNSUBSCRIBED,
        CODE_REQUESTED
    }
}
