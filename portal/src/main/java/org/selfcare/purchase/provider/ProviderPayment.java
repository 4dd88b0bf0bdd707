package org.selfcare.purchase.provider;

import java.time.Instant;

import org.selfcare.account.Money;

/**
 * A payment started at the provider for one order.
 *
 * @param orderId the order
 * @param orderNumber the order number shown to the subscriber
 * @param subscriberId who placed the order
 * @param paymentReference the provider's payment intent id
 * @param redirectUrl the provider's payment page
 * @param amount the amount the payment was created for
 * @param status where the payment stands
 * @param pollAttempts how many times the poller asked the provider without an outcome
 * @param createdAt when the payment was created
 */
record ProviderPayment(long orderId, String orderNumber, long subscriberId, String paymentReference,
        String redirectUrl, Money amount, Status status, int pollAttempts, Instant createdAt) {

    /** The stages of a provider payment; see the {@code provider_payment} table. */
    enum Status { PENDING, SETTLED, CANCELED, REJECTED }
}
