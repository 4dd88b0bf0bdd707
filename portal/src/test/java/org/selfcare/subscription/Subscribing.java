package org.selfcare.subscription;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;
import org.selfcare.subscription.ValueAddedService.Cancellation;
import org.selfcare.support.PortalClient;
import org.selfcare.support.TestSubscribers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in subscriber who subscribes and cancels through the API as the services page does, and the checks the
 * subscription tests share.
 */
final class Subscribing {

    static final String SERVICE_PASSWORD = "{\"method\": \"service-password\", \"secret\": \""
            + TestSubscribers.SERVICE_PASSWORD + "\"}";

    private static final JsonMapper json = JsonMapper.builder().build();

    final PortalClient client;

    Subscribing(int port, Clock clock, String msisdn) {
        this.client = new PortalClient(port, clock);
        HttpResponse<String> signIn = client.signIn(msisdn, TestSubscribers.PASSWORD);
        assertThat(signIn.statusCode()).as("sign-in").isIn(302, 303);
    }

    HttpResponse<String> subscribe(String code, String confirmation) {
        return client.send(subscribeRequest(code, confirmation));
    }

    HttpRequest subscribeRequest(String code, String confirmation) {
        String body = "{\"service\": \"" + code + "\"" + (confirmation == null ? "" : ", \"confirmation\": "
                + confirmation) + "}";
        return post("/api/v1/subscriptions", body);
    }

    HttpResponse<String> cancel(String code, String confirmation) {
        return client.send(post("/api/v1/subscriptions/" + code + "/cancel",
                confirmation == null ? "{}" : "{\"confirmation\": " + confirmation + "}"));
    }

    HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-CSRF-TOKEN", client.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static String smsCode(String secret) {
        return "{\"method\": \"sms-code\", \"secret\": \"" + secret + "\"}";
    }

    /**
     * Adds a service with a code no other test uses, in GBP.
     */
    static ValueAddedService newService(ServiceCatalogue catalogue, long feeMinor, BillingPeriod period,
            boolean autoRenew, Cancellation cancellation) {
        String code = "t-" + period.name().toLowerCase() + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        return catalogue.save(new ValueAddedService(code, "Service " + code, "Test content of " + code + ".",
                Money.of(feeMinor, "GBP"), period, autoRenew, cancellation, true));
    }

    static void topUp(Accounts accounts, long subscriberId, long minorUnits) {
        accounts.recordPayment(subscriberId, Money.of(minorUnits, "GBP"), PaymentChannel.CARD,
                "t-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 60), 36), Instant.now());
    }

    static JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = read(response);
        assertThat(body.get("code").stringValue()).isEqualTo(code);
        assertThat(body.get("error").stringValue()).isNotBlank()
                .doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("jackson")
                .doesNotContainIgnoringCase("spring");
        assertThat(body.get("errorId").stringValue()).isNotBlank();
    }
}
