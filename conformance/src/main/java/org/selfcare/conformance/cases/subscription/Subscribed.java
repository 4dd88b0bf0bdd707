package org.selfcare.conformance.cases.subscription;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import tools.jackson.databind.JsonNode;

/**
 * A subscription as the target returned it after a subscribe: {@code {"subscription": {...}}}.
 *
 * @param fee the fee of the period that runs, when readable
 * @param effectiveAt the start of that period
 * @param expiresAt its end
 */
record Subscribed(String service, Optional<Money> fee, Instant effectiveAt, Instant expiresAt) {

    /**
     * Reads the subscription of a response, or returns empty when it has none with both times.
     */
    static Optional<Subscribed> read(ProbeResponse response) {
        JsonNode subscription = JsonBody.of(response).path("subscription");
        try {
            Instant effective = Instant.parse(subscription.path("effectiveAt").asString(""));
            Instant expires = Instant.parse(subscription.path("expiresAt").asString(""));
            return Optional.of(new Subscribed(subscription.path("service").path("code").asString(""),
                    Money.read(subscription.path("fee")), effective, expires));
        }
        catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }
}
