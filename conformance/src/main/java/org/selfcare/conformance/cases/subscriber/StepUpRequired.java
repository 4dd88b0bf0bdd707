package org.selfcare.conformance.cases.subscriber;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import tools.jackson.databind.JsonNode;

/**
 * A 403 {@code step_up_required} response to an operation that must be confirmed, such as a subscription or a
 * payment: what the target asks the subscriber to confirm, and how.
 *
 * @param purpose {@code subscription} or {@code payment}
 * @param operationId the id a code request names
 * @param description the operation as the target words it, such as "subscribe to Daily news for 2.00 GBP a day"
 * @param amount the amount the target bound to the operation, when the response had a readable one
 * @param methods the methods the target accepts now, such as {@code sms-code} and {@code service-password}
 */
public record StepUpRequired(String purpose, String operationId, String description, Optional<Money> amount,
        List<String> methods) {

    public static final String CODE = "step_up_required";

    public static final String SMS_CODE = "sms-code";

    public static final String SERVICE_PASSWORD = "service-password";

    /** The error code of a refusal while the subscriber's operations are blocked. */
    public static final String BLOCKED = "operation_blocked";

    /**
     * Reads a {@code step_up_required} response, or returns empty for any other response.
     */
    public static Optional<StepUpRequired> read(ProbeResponse response) {
        if (response.status() != 403 || !CODE.equals(JsonBody.text(response, "code"))) {
            return Optional.empty();
        }
        JsonNode body = JsonBody.of(response);
        JsonNode operation = body.path("operation");
        List<String> methods = new ArrayList<>();
        body.path("methods").forEach((method) -> methods.add(method.asString("")));
        return Optional.of(new StepUpRequired(body.path("purpose").asString(""), operation.path("id").asString(""),
                operation.path("description").asString(""), Money.read(operation.path("amount")),
                List.copyOf(methods)));
    }

    /** Returns whether a response refused the operation because the subscriber's operations are blocked. */
    public static boolean isBlocked(ProbeResponse response) {
        return response.status() == 403 && BLOCKED.equals(JsonBody.text(response, "code"));
    }

    /** Returns whether only an SMS code may confirm the operation, as while the subscriber is at risk. */
    public boolean onlySmsCode() {
        return methods.equals(List.of(SMS_CODE));
    }

    /** Returns whether the target names {@code amount} in the operation, as its amount or in its description. */
    public boolean names(Money fee) {
        return amount.map((bound) -> bound.sameAmount(fee)).orElse(false)
                || (!fee.decimal().isEmpty() && description.contains(fee.decimal()));
    }

    /**
     * Returns the {@code confirmation} member of a request body.
     */
    public static Map<String, String> confirmation(String method, String secret) {
        return Map.of("method", method, "secret", secret);
    }

    @Override
    public String toString() {
        return "403 step_up_required for " + purpose + " \"" + description + "\" with methods " + methods;
    }
}
