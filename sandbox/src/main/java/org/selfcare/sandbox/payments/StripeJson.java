package org.selfcare.sandbox.payments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes payment intents, events and errors in the JSON shapes of Stripe's API, with the field names that
 * stripe-java reads.
 */
final class StripeJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private StripeJson() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * Returns the payment intent object. {@code payPageUrl} is the hosted page, reported as a
     * {@code redirect_to_url} next action while the intent waits for the customer.
     */
    static Map<String, Object> paymentIntent(PaymentIntent intent, String payPageUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", intent.id());
        json.put("object", "payment_intent");
        json.put("amount", intent.amount());
        json.put("amount_capturable", 0);
        json.put("amount_received", intent.status().equals(PaymentIntent.STATUS_SUCCEEDED) ? intent.amount() : 0);
        json.put("canceled_at", intent.canceledAt() == null ? null : intent.canceledAt().getEpochSecond());
        json.put("cancellation_reason", intent.cancellationReason());
        json.put("capture_method", "automatic");
        json.put("client_secret", intent.clientSecret());
        json.put("confirmation_method", "automatic");
        json.put("created", intent.created().getEpochSecond());
        json.put("currency", intent.currency());
        json.put("last_payment_error", intent.declined() ? declineError() : null);
        json.put("livemode", false);
        json.put("metadata", new LinkedHashMap<>(intent.metadata()));
        json.put("next_action", nextAction(intent, payPageUrl));
        json.put("payment_method_types", List.of("card"));
        json.put("status", intent.status());
        return json;
    }

    /** Returns a v1 event whose {@code data.object} is the payment intent. */
    static Map<String, Object> event(String eventId, String type, long created, PaymentIntent intent,
            String payPageUrl) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", null);
        request.put("idempotency_key", null);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", eventId);
        json.put("object", "event");
        json.put("api_version", intent.apiVersion());
        json.put("created", created);
        json.put("data", Map.of("object", paymentIntent(intent, payPageUrl)));
        json.put("livemode", false);
        json.put("pending_webhooks", 1);
        json.put("request", request);
        json.put("type", type);
        return json;
    }

    /**
     * Returns Stripe's error envelope. {@code type} is one of Stripe's error types, such as
     * {@code invalid_request_error}, {@code idempotency_error} or {@code api_error}.
     */
    static String error(String type, String code, String message, String param) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", message);
        if (param != null) {
            error.put("param", param);
        }
        return write(Map.of("error", error));
    }

    private static Map<String, Object> nextAction(PaymentIntent intent, String payPageUrl) {
        if (!intent.status().equals(PaymentIntent.STATUS_REQUIRES_ACTION)) {
            return null;
        }
        Map<String, Object> redirect = new LinkedHashMap<>();
        redirect.put("return_url", intent.returnUrl());
        redirect.put("url", payPageUrl);
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "redirect_to_url");
        action.put("redirect_to_url", redirect);
        return action;
    }

    private static Map<String, Object> declineError() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "card_error");
        error.put("code", "card_declined");
        error.put("decline_code", "generic_decline");
        error.put("message", "Your card was declined.");
        return error;
    }
}
