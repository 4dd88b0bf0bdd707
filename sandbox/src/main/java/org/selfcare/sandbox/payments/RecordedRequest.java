package org.selfcare.sandbox.payments;

import java.time.Instant;

/**
 * One API request the sandbox received.
 *
 * @param time when the response was sent
 * @param method the HTTP method
 * @param path the request path, without the query
 * @param paymentIntentId the payment intent it concerned, or null (for example a create that failed)
 * @param status the HTTP status of the response
 * @param idempotentReplay whether the response was a replay of an earlier one with the same idempotency key
 */
public record RecordedRequest(Instant time, String method, String path, String paymentIntentId, int status,
        boolean idempotentReplay) {
}
