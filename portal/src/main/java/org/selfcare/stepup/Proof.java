package org.selfcare.stepup;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * A successful second authentication, kept in the session until {@code validUntil}.
 *
 * @param purpose what it was for
 * @param subscriberId the subscriber who proved it, so a proof never serves a later sign-in of someone else in the
 *        same browser session
 * @param validUntil first instant at which it no longer counts
 * @param details what the proof is limited to, such as a payment's amount and payee; empty for purposes that need
 *        none. A check that requires details matches only a proof with exactly these details.
 */
record Proof(Purpose purpose, long subscriberId, Instant validUntil, Map<String, String> details)
        implements Serializable {

    Proof {
        details = Map.copyOf(details);
    }

    boolean satisfies(Purpose expected, long expectedSubscriberId, Map<String, String> expectedDetails, Instant now) {
        return purpose == expected && subscriberId == expectedSubscriberId && details.equals(expectedDetails)
                && now.isBefore(validUntil);
    }
}
