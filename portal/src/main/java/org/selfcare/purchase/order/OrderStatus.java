package org.selfcare.purchase.order;

/**
 * The stage of an order: created and priced, a provider payment started, paid, delivered, or ended
 * unpaid by the subscriber or by expiry.
 */
public enum OrderStatus {

    CREATED, AWAITING_PAYMENT, PAID, FULFILLED, CANCELLED, EXPIRED;

    /** Returns whether the order still waits for its payment. */
    public boolean unpaid() {
        return this == CREATED || this == AWAITING_PAYMENT;
    }
}
