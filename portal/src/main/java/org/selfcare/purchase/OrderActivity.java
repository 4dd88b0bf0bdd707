package org.selfcare.purchase;

import java.time.Instant;
import java.util.Objects;

import org.selfcare.account.Money;

/**
 * Published in the transaction of each step of an order, so monitoring learns about purchases without being
 * called.
 *
 * @param subscriberId who ordered
 * @param orderNumber the order's number
 * @param kind which step
 * @param total the order's total
 * @param method {@code credit} or {@code provider} for payment steps, {@code null} before one was chosen
 * @param occurredAt when the step happened
 */
public record OrderActivity(long subscriberId, String orderNumber, Kind kind, Money total, String method,
        Instant occurredAt) {

    public OrderActivity {
        Objects.requireNonNull(orderNumber, "orderNumber must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(total, "total must not be null");
        Objects.requireNonNull(occurredAt, "occurredAt must not be null");
    }

    public enum Kind {

        /** The order was placed and waits for payment. */
        PLACED,

        /** A payment was asked for: from store credit, or a checkout at the provider. */
        PAYMENT_REQUESTED,

        /** The order was paid. */
        PAID,

        /** The subscriber cancelled it before it was paid. */
        CANCELLED,

        /** It was not paid in time. */
        EXPIRED
    }
}
