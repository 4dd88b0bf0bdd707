package org.selfcare.purchase.order;

/**
 * Where an order is in its life: created and priced, a provider payment started, paid, delivered, or ended
 * unpaid by the subscriber or by expiry.
 */
public enum OrderStatus {

    CREATED, AWAITING_PAYMENT, PAID, FULFILLED, CANCELLED, EXPIRED;

    /** Whether the order still waits for its payment. */
    public boolean unpaid() {
        return this == CREATED || this == AWAITING_PAYMENT;
    }
}
