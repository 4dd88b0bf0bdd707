package org.selfcare.purchase.order;

/**
 * How an order is paid: from the prepaid balance, or through the payment provider.
 */
public enum PaymentMethod {

    STORE_CREDIT, PROVIDER
}
