package org.selfcare.subscription;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;
import org.selfcare.subscription.ValueAddedService.Cancellation;
import org.selfcare.support.PortalClient;
import org.selfcare.support.TestInbox;
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

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    final PortalClient client;

    private final Clock clock;

    private final String e164;

    Subscribing(int port, Clock clock, String msisdn, String e164) {
        this.client = new PortalClient(port, clock);
        this.clock = clock;
        this.e164 = e164;
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

    /**
     * Asks for the SMS code of the operation that {@code required} (a 403 {@code step_up_required}) names, and
     * returns the SMS. A session that had a code before must solve a picture, which the CAPTCHA test key does.
     */
    String requestCodeSms(HttpResponse<String> required, TestInbox inbox) {
        assertThat(required.statusCode()).as(required.body()).isEqualTo(403);
        JsonNode body = read(required);
        String request = "{\"purpose\": \"" + body.get("purpose").stringValue() + "\", \"operation\": \""
                + body.get("operation").get("id").stringValue() + "\"";
        Instant before = clock.instant();
        HttpResponse<String> sent = client.postJson("/api/v1/stepup/code", request + "}");
        if (sent.statusCode() == 400 && read(sent).get("code").stringValue().equals("captcha_required")) {
            sent = client.postJson("/api/v1/stepup/code", request + ", \"captchaId\": \""
                    + read(sent).get("captchaId").stringValue() + "\", \"captcha\": \""
                    + PortalClient.CAPTCHA_TEST_KEY + "\"}");
        }
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return inbox.awaitSms(e164, before);
    }

    /** Returns the six-digit code in a step-up SMS. */
    static String codeIn(String sms) {
        Matcher matcher = CODE.matcher(sms);
        assertThat(matcher.find()).as("six-digit code in: " + sms).isTrue();
        return matcher.group(1);
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
