package org.selfcare.identity.firstsignin;

import java.time.Duration;
import java.time.Instant;

/**
 * The result of a request to send a one-time code.
 */
public sealed interface CodeSending {

    /**
     * The code was queued for delivery and is valid until {@code expiresAt}.
     */
    record Sent(Instant expiresAt) implements CodeSending {
    }

    /**
     * No code was sent because too many were requested. The client may request one again after {@code retryAfter}.
     */
    record RateLimited(Duration retryAfter) implements CodeSending {
    }
}
