package org.selfcare.sandbox.payments;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The payment intents the sandbox created, by id, in creation order. */
final class PaymentIntents {

    private static final String ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, PaymentIntent> intents = new LinkedHashMap<>();

    synchronized PaymentIntent create(long amount, String currency, Map<String, String> metadata, String returnUrl,
            String apiVersion, Instant now) {
        String id = "pi_" + randomId(24);
        String status = returnUrl == null ? PaymentIntent.STATUS_REQUIRES_PAYMENT_METHOD
                : PaymentIntent.STATUS_REQUIRES_ACTION;
        PaymentIntent intent = new PaymentIntent(id, amount, currency, status, metadata, returnUrl,
                id + "_secret_" + randomId(24), now, null, null, false, apiVersion);
        intents.put(id, intent);
        return intent;
    }

    synchronized Optional<PaymentIntent> find(String id) {
        return Optional.ofNullable(intents.get(id));
    }

    synchronized List<PaymentIntent> all() {
        return List.copyOf(intents.values());
    }

    /**
     * Applies {@code change} to an open intent and stores the result.
     *
     * @throws IllegalArgumentException when there is no intent with this id
     * @throws IllegalStateException when the intent already succeeded or was cancelled
     */
    synchronized PaymentIntent changeOpen(String id, UnaryOperator<PaymentIntent> change) {
        PaymentIntent intent = require(id);
        if (!intent.isOpen()) {
            throw new IllegalStateException("Payment intent " + id + " has status " + intent.status()
                    + ", so it can no longer be paid, declined or cancelled");
        }
        PaymentIntent changed = change.apply(intent);
        intents.put(id, changed);
        return changed;
    }

    /** Applies {@code change} whatever the status; a test control, not a provider operation. */
    synchronized PaymentIntent change(String id, UnaryOperator<PaymentIntent> change) {
        PaymentIntent changed = change.apply(require(id));
        intents.put(id, changed);
        return changed;
    }

    String newEventId() {
        return "evt_" + randomId(24);
    }

    private PaymentIntent require(String id) {
        PaymentIntent intent = intents.get(id);
        if (intent == null) {
            throw new IllegalArgumentException("No such payment intent: " + id);
        }
        return intent;
    }

    private String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }
}
