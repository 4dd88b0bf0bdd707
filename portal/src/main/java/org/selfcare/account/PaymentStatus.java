package org.selfcare.account;

/**
 * Outcome of a payment; only {@link #COMPLETED} payments credit the balance.
 */
public enum PaymentStatus {

    COMPLETED, FAILED, REFUNDED
}
