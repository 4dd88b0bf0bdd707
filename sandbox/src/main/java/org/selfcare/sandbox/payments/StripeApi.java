package org.selfcare.sandbox.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of Stripe's PaymentIntents API under {@code /v1}: create, retrieve and cancel, with the secret key
 * checked on every request and idempotency keys honoured as Stripe honours them. The same key with the same
 * method, path and parameters returns the first response again with {@code Idempotent-Replayed: true}; with other
 * parameters it gets 400 {@code idempotency_error}. Requests rejected by parameter validation are not stored, so
 * a corrected retry with the same key runs.
 */
final class StripeApi implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(StripeApi.class);

    private static final Pattern INTENT_PATH = Pattern.compile("/v1/payment_intents/([A-Za-z0-9_]+)");
    private static final Pattern CANCEL_PATH = Pattern.compile("/v1/payment_intents/([A-Za-z0-9_]+)/cancel");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    private static final long MAX_AMOUNT = 99_999_999L;
    private static final int MAX_METADATA_KEYS = 50;
    private static final int MAX_METADATA_KEY_LENGTH = 40;
    private static final int MAX_METADATA_VALUE_LENGTH = 500;
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final Set<String> CANCELLATION_REASONS =
            Set.of("duplicate", "fraudulent", "requested_by_customer", "abandoned");
    /** Reported on intents created without a {@code Stripe-Version} header. */
    static final String DEFAULT_API_VERSION = "2025-01-27.acacia";

    /** Emits the webhook event for a change of a payment intent. */
    interface EventSink {
        void emit(String type, PaymentIntent intent);
    }

    /** A response, and whether an idempotency key may store it for replay. */
    private record Response(int status, String body, String paymentIntentId, boolean storable) {
    }

    /** A stored response with the fingerprint of its request. */
    private record StoredResponse(String fingerprint, Response response) {
    }

    private final byte[] secretKey;
    private final PaymentIntents intents;
    private final ProviderRecords records;
    private final Clock clock;
    private final EventSink events;
    private final Function<String, String> payPageUrl;
    private final BooleanSupplier unavailable;
    private final Map<String, StoredResponse> idempotentResponses = new HashMap<>();

    StripeApi(String secretKey, PaymentIntents intents, ProviderRecords records, Clock clock, EventSink events,
            Function<String, String> payPageUrl, BooleanSupplier unavailable) {
        this.secretKey = secretKey.getBytes(StandardCharsets.UTF_8);
        this.intents = intents;
        this.records = records;
        this.clock = clock;
        this.events = events;
        this.payPageUrl = payPageUrl;
        this.unavailable = unavailable;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = Exchanges.readBody(exchange);
            Response response;
            boolean replayed = false;
            String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");

            if (unavailable.getAsBoolean()) {
                response = error(503, "api_error", null, "The sandbox API is down for a test; retry later", null);
            } else if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                response = error(401, "invalid_request_error", null,
                        "Invalid API key provided: send the sandbox's secret key as a Bearer token", null);
            } else if (body == null) {
                response = error(413, "invalid_request_error", null,
                        "Request body too large: the maximum is " + Exchanges.MAX_BODY_BYTES + " bytes", null);
            } else if (method.equals("POST") && idempotencyKey != null) {
                if (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
                    response = error(400, "invalid_request_error", "idempotency_key_invalid",
                            "Invalid Idempotency-Key: use 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters", null);
                } else {
                    synchronized (idempotentResponses) {
                        String fingerprint = method + " " + path + "?" + body;
                        StoredResponse stored = idempotentResponses.get(idempotencyKey);
                        if (stored == null) {
                            response = route(method, path, body, exchange);
                            if (response.storable()) {
                                idempotentResponses.put(idempotencyKey, new StoredResponse(fingerprint, response));
                            }
                        } else if (stored.fingerprint().equals(fingerprint)) {
                            response = stored.response();
                            replayed = true;
                        } else {
                            response = error(400, "idempotency_error", null, "Keys for idempotent requests can only"
                                    + " be used with the same parameters they were first used with. Try using a key"
                                    + " other than '" + idempotencyKey + "' if you meant to execute a different"
                                    + " request.", null);
                        }
                    }
                }
                exchange.getResponseHeaders().set("Idempotency-Key", idempotencyKey);
            } else {
                response = route(method, path, body, exchange);
            }

            if (replayed) {
                exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
            }
            exchange.getResponseHeaders().set("Request-Id", "req_" + Long.toHexString(System.nanoTime()));
            Exchanges.sendJson(exchange, response.status(), response.body());
            records.add(new RecordedRequest(clock.instant(), method, path, response.paymentIntentId(),
                    response.status(), replayed));
        } catch (RuntimeException e) {
            log.error("Payments API request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            throw e;
        }
    }

    private Response route(String method, String path, String body, HttpExchange exchange) {
        Matcher cancel = CANCEL_PATH.matcher(path);
        Matcher intent = INTENT_PATH.matcher(path);
        Map<String, String> parameters;
        try {
            parameters = FormParameters.parse(body);
        } catch (IllegalArgumentException e) {
            return error(400, "invalid_request_error", "parameter_invalid", "Invalid form encoding in the body", null);
        }

        if (path.equals("/v1/payment_intents") && method.equals("POST")) {
            return create(parameters, exchange.getRequestHeaders().getFirst("Stripe-Version"));
        }
        if (intent.matches() && method.equals("GET")) {
            return retrieve(intent.group(1));
        }
        if (cancel.matches() && method.equals("POST")) {
            return cancel(cancel.group(1), parameters);
        }
        return error(404, "invalid_request_error", null,
                "Unrecognized request URL (" + method + ": " + path + "). The sandbox supports POST"
                        + " /v1/payment_intents, GET /v1/payment_intents/{id} and POST"
                        + " /v1/payment_intents/{id}/cancel.", null);
    }

    private Response create(Map<String, String> parameters, String apiVersion) {
        for (String name : parameters.keySet()) {
            if (!isCreateParameter(name)) {
                return error(400, "invalid_request_error", "parameter_unknown", "Received unknown parameter: " + name,
                        name);
            }
        }

        String amountText = parameters.get("amount");
        if (amountText == null) {
            return missing("amount");
        }
        long amount;
        try {
            amount = Long.parseLong(amountText);
        } catch (NumberFormatException e) {
            return error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + amountText,
                    "amount");
        }
        if (amount < 1) {
            return error(400, "invalid_request_error", "parameter_invalid_integer",
                    "This value must be greater than or equal to 1.", "amount");
        }
        if (amount > MAX_AMOUNT) {
            return error(400, "invalid_request_error", "amount_too_large",
                    "Amount must be no more than " + MAX_AMOUNT, "amount");
        }

        String currency = parameters.get("currency");
        if (currency == null) {
            return missing("currency");
        }
        if (!CURRENCY.matcher(currency).matches()) {
            return error(400, "invalid_request_error", "parameter_invalid",
                    "Invalid currency: " + currency + ". Use a three-letter ISO 4217 code.", "currency");
        }

        Map<String, String> metadata = FormParameters.nested(parameters, "metadata");
        Optional<Response> invalidMetadata = checkMetadata(metadata);
        if (invalidMetadata.isPresent()) {
            return invalidMetadata.get();
        }

        boolean confirm = "true".equals(parameters.get("confirm"));
        String returnUrl = parameters.get("return_url");
        if (returnUrl != null && !confirm) {
            return error(400, "invalid_request_error", "parameter_invalid",
                    "return_url can only be passed when confirm is true", "return_url");
        }
        if (confirm && returnUrl == null) {
            return error(400, "invalid_request_error", "parameter_missing", "The sandbox confirms payments on its"
                    + " hosted payment page, so confirm=true needs a return_url", "return_url");
        }
        if (returnUrl != null && !isWebUrl(returnUrl)) {
            return error(400, "invalid_request_error", "url_invalid",
                    "Invalid return_url: use an absolute http or https URL", "return_url");
        }

        PaymentIntent created = intents.create(amount, currency.toLowerCase(java.util.Locale.ROOT), metadata,
                returnUrl, apiVersion == null ? DEFAULT_API_VERSION : apiVersion, clock.instant());
        return intentResponse(created);
    }

    private Response retrieve(String id) {
        return intents.find(id).map(this::intentResponse).orElseGet(() -> noSuchIntent(id));
    }

    private Response cancel(String id, Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!name.equals("cancellation_reason") && !name.startsWith("expand[")) {
                return error(400, "invalid_request_error", "parameter_unknown", "Received unknown parameter: " + name,
                        name);
            }
        }
        String reason = parameters.get("cancellation_reason");
        if (reason != null && !CANCELLATION_REASONS.contains(reason)) {
            return error(400, "invalid_request_error", "parameter_invalid", "Invalid cancellation_reason: use one of "
                    + String.join(", ", CANCELLATION_REASONS.stream().sorted().toList()), "cancellation_reason");
        }
        if (intents.find(id).isEmpty()) {
            return noSuchIntent(id);
        }
        PaymentIntent canceled;
        try {
            canceled = intents.changeOpen(id, current -> current.canceled(clock.instant(), reason));
        } catch (IllegalStateException e) {
            String status = intents.find(id).map(PaymentIntent::status).orElse("unknown");
            return new Response(400, StripeJson.error("invalid_request_error", "payment_intent_unexpected_state",
                    "You cannot cancel this PaymentIntent because it has a status of " + status + ". Only a"
                            + " PaymentIntent with one of the following statuses may be canceled:"
                            + " requires_payment_method, requires_capture, requires_confirmation, requires_action,"
                            + " processing.", null), id, true);
        }
        events.emit(ProviderEvent.CANCELED, canceled);
        return intentResponse(canceled);
    }

    private Response intentResponse(PaymentIntent intent) {
        return new Response(200, StripeJson.write(StripeJson.paymentIntent(intent, payPageUrl.apply(intent.id()))),
                intent.id(), true);
    }

    private Response noSuchIntent(String id) {
        return new Response(404, StripeJson.error("invalid_request_error", "resource_missing",
                "No such payment_intent: '" + id + "'", "intent"), null, true);
    }

    private static Optional<Response> checkMetadata(Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA_KEYS) {
            return Optional.of(error(400, "invalid_request_error", "parameter_invalid",
                    "Invalid metadata: at most " + MAX_METADATA_KEYS + " keys are allowed", "metadata"));
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getKey().length() > MAX_METADATA_KEY_LENGTH) {
                return Optional.of(error(400, "invalid_request_error", "parameter_invalid", "Invalid metadata key "
                        + entry.getKey() + ": at most " + MAX_METADATA_KEY_LENGTH + " characters", "metadata"));
            }
            if (entry.getValue().length() > MAX_METADATA_VALUE_LENGTH) {
                return Optional.of(error(400, "invalid_request_error", "parameter_invalid", "Invalid metadata value for "
                        + entry.getKey() + ": at most " + MAX_METADATA_VALUE_LENGTH + " characters", "metadata"));
            }
        }
        return Optional.empty();
    }

    private static boolean isCreateParameter(String name) {
        return Set.of("amount", "currency", "confirm", "return_url", "description").contains(name)
                || name.startsWith("metadata[") || name.startsWith("expand[")
                || name.startsWith("payment_method_types[");
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && (uri.getScheme().equals("https") || uri.getScheme().equals("http"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private boolean authorised(String authorization) {
        if (authorization == null) {
            return false;
        }
        String presented;
        if (authorization.startsWith("Bearer ")) {
            presented = authorization.substring("Bearer ".length());
        } else if (authorization.startsWith("Basic ")) {
            // Stripe also takes the key as the Basic user name with an empty password.
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
                        StandardCharsets.UTF_8);
                presented = decoded.endsWith(":") ? decoded.substring(0, decoded.length() - 1) : decoded;
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else {
            return false;
        }
        return MessageDigest.isEqual(secretKey, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static Response missing(String parameter) {
        return error(400, "invalid_request_error", "parameter_missing", "Missing required param: " + parameter + ".",
                parameter);
    }

    /** Returns an error response that an idempotency key does not store, so a corrected retry runs. */
    private static Response error(int status, String type, String code, String message, String param) {
        return new Response(status, StripeJson.error(type, code, message, param), null, false);
    }
}
