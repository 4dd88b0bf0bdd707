package org.selfcare.sandbox.payments;

import java.time.Instant;

/**
 * A webhook event the sandbox created, with the exact JSON it sends.
 *
 * @param id the event id, {@code evt_...}
 * @param type the event type, such as {@code payment_intent.succeeded}
 * @param paymentIntentId the payment intent it is about
 * @param created when the event happened
 * @param body the JSON payload, signed anew at each delivery
 */
public record ProviderEvent(String id, String type, String paymentIntentId, Instant created, String body) {

    public static final String SUCCEEDED = "payment_intent.succeeded";
    public static final String PAYMENT_FAILED = "payment_intent.payment_failed";
    public static final String CANCELED = "payment_intent.canceled";
}
