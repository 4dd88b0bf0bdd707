package org.selfcare.purchase;

import java.util.Objects;

/**
 * A payment started at the provider.
 *
 * @param paymentReference the provider's id of the payment
 * @param redirectUrl the provider's payment page for the subscriber
 */
public record ProviderCheckout(String paymentReference, String redirectUrl) {

    public ProviderCheckout {
        Objects.requireNonNull(paymentReference, "paymentReference must not be null");
        Objects.requireNonNull(redirectUrl, "redirectUrl must not be null");
    }
}
