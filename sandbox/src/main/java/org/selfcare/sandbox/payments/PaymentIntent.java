package org.selfcare.sandbox.payments;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one payment intent as the sandbox stores it. Amounts are in the currency's minor units, and the
 * currency is a lower-case ISO 4217 code, as in Stripe's API.
 *
 * @param id the provider's id, {@code pi_} and 24 letters and digits
 * @param amount amount in minor units
 * @param currency lower-case ISO 4217 code
 * @param status one of the {@code STATUS_} constants
 * @param metadata the key-value pairs the client attached
 * @param returnUrl where the hosted payment page sends the browser afterwards, or null
 * @param clientSecret the secret a browser-side integration would use; the sandbox only reports it
 * @param created when it was created
 * @param canceledAt when it was cancelled, or null
 * @param cancellationReason the reason given to cancel, or null
 * @param declined whether the last payment attempt on the hosted page was declined
 * @param apiVersion the {@code Stripe-Version} of the request that created it, used for its events
 */
public record PaymentIntent(String id, long amount, String currency, String status, Map<String, String> metadata,
        String returnUrl, String clientSecret, Instant created, Instant canceledAt, String cancellationReason,
        boolean declined, String apiVersion) {

    public static final String STATUS_REQUIRES_PAYMENT_METHOD = "requires_payment_method";
    public static final String STATUS_REQUIRES_ACTION = "requires_action";
    public static final String STATUS_SUCCEEDED = "succeeded";
    public static final String STATUS_CANCELED = "canceled";

    public PaymentIntent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        metadata = Map.copyOf(metadata);
    }

    /** Returns whether the intent can still be paid, declined or cancelled. */
    public boolean isOpen() {
        return status.equals(STATUS_REQUIRES_PAYMENT_METHOD) || status.equals(STATUS_REQUIRES_ACTION);
    }

    PaymentIntent withStatus(String newStatus, boolean newDeclined) {
        return new PaymentIntent(id, amount, currency, newStatus, metadata, returnUrl, clientSecret, created,
                canceledAt, cancellationReason, newDeclined, apiVersion);
    }

    PaymentIntent canceled(Instant at, String reason) {
        return new PaymentIntent(id, amount, currency, STATUS_CANCELED, metadata, returnUrl, clientSecret, created,
                at, reason, declined, apiVersion);
    }

    PaymentIntent withAmount(long newAmount, String newCurrency) {
        return new PaymentIntent(id, newAmount, newCurrency, status, metadata, returnUrl, clientSecret, created,
                canceledAt, cancellationReason, declined, apiVersion);
    }
}
