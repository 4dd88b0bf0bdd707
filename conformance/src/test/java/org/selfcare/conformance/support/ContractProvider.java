package org.selfcare.conformance.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.selfcare.conformance.http.TlsTrust;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stand-in portal's client of the payment provider sandbox: creates and retrieves payment intents with the
 * secret key, as stripe-java would, and verifies {@code Stripe-Signature} headers with the webhook secret.
 */
final class ContractProvider {

    /** How far a notification's timestamp may lie from now, as Stripe's libraries allow by default. */
    static final long TOLERANCE_SECONDS = 300;

    private final URI apiBase;

    private final String secretKey;

    private final String webhookSecret;

    private final HttpClient client = HttpClient.newBuilder().sslContext(TlsTrust.anyCertificate())
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    /** A payment intent and the hosted page the customer pays on. */
    record Intent(String id, String redirectUrl) {
    }

    ContractProvider(URI apiBase, String secretKey, String webhookSecret) {
        this.apiBase = apiBase;
        this.secretKey = secretKey;
        this.webhookSecret = webhookSecret;
    }

    Optional<Intent> create(String orderNumber, long amount, String returnUrl) {
        String form = "amount=" + amount + "&currency=gbp&confirm=true&return_url="
                + URLEncoder.encode(returnUrl, StandardCharsets.UTF_8) + "&metadata%5Border_number%5D="
                + URLEncoder.encode(orderNumber, StandardCharsets.UTF_8);
        Optional<JsonNode> intent = send(HttpRequest.newBuilder(apiBase.resolve("/v1/payment_intents"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        return intent.map((node) -> new Intent(node.path("id").asString(""),
                node.path("next_action").path("redirect_to_url").path("url").asString("")));
    }

    Optional<JsonNode> retrieve(String id) {
        return send(HttpRequest.newBuilder(apiBase.resolve("/v1/payment_intents/" + id)).GET());
    }

    /**
     * Returns whether {@code header} is a valid {@code Stripe-Signature} of {@code body}, made within the
     * tolerance.
     */
    boolean verifies(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        String timestamp = null;
        String signature = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                timestamp = part.substring(2);
            }
            else if (part.startsWith("v1=") && signature == null) {
                signature = part.substring(3);
            }
        }
        if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        }
        catch (GeneralSecurityException ex) {
            return false;
        }
    }

    private Optional<JsonNode> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.header("Authorization", "Bearer " + secretKey)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return (response.statusCode() == 200) ? Optional.of(json.readTree(response.body())) : Optional.empty();
        }
        catch (IOException | JacksonException ex) {
            return Optional.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
