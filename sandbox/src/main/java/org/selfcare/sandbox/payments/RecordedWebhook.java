package org.selfcare.sandbox.payments;

import java.time.Instant;

/**
 * One delivery attempt of a webhook event.
 *
 * @param time when the attempt ended
 * @param eventId the event's id, {@code evt_...}
 * @param type the event type, such as {@code payment_intent.succeeded}
 * @param paymentIntentId the payment intent the event is about
 * @param endpoint the URL it was sent to
 * @param attempt 1 for the first delivery, counting up through retries
 * @param status the HTTP status the endpoint returned, or 0 when no response arrived
 * @param error why no response arrived, or null
 */
public record RecordedWebhook(Instant time, String eventId, String type, String paymentIntentId, String endpoint,
        int attempt, int status, String error) {

    /** Returns whether the endpoint accepted the event with a 2xx status. */
    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
