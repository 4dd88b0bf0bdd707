package org.selfcare.account;

/**
 * How a payment reached the operator.
 */
public enum PaymentChannel {

    CARD, VOUCHER, BANK_TRANSFER, CASH
}
