package org.selfcare.purchase.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Money;
import org.selfcare.purchase.PayableOrder;
import org.selfcare.purchase.PaymentProvider;
import org.selfcare.purchase.ProviderCheckout;
import org.selfcare.sandbox.payments.Outage;
import org.selfcare.sandbox.payments.PaymentSandbox;
import org.selfcare.sandbox.payments.ProviderEvent;
import org.selfcare.sandbox.payments.RecordedRequest;
import org.selfcare.sandbox.payments.RecordedWebhook;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSandbox;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The provider's payments end to end over HTTPS: stripe-java in the portal against the sandbox provider, its
 * signed webhooks to {@code POST /payments/webhook}, and the poller. The orders come from
 * {@link TestPayableOrders}, a small stand-in for the orders module.
 */
@PortalTest
@Import(PaymentWebhookTests.Orders.class)
class PaymentWebhookTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Orders {

        @Bean
        @Primary
        TestPayableOrders testPayableOrders() {
            return new TestPayableOrders();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    PaymentProvider provider;

    @Autowired
    PaymentSandbox sandbox;

    @Autowired
    TestPayableOrders orders;

    @Autowired
    JdbcClient jdbc;

    private HttpClient http;

    /** Runs after the context started, so the portal's generated keystore exists. */
    @BeforeEach
    void pointWebhooksHere() {
        TestSandbox.pointWebhooksAt(port);
        http = HttpClient.newBuilder()
                .sslContext(PortalClient.trustingPortalCertificate())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void restoreSandbox() throws Exception {
        sandbox.bringUp();
        sandbox.releaseWebhooks();
    }

    @Test
    void paymentSettlesAfterRetrieve() throws Exception {
        PayableOrder order = newOrder(1000, "GBP");
        ProviderCheckout checkout = provider.checkout(order, returnUrl(order));

        sandbox.pay(checkout.paymentReference());

        TestPayableOrders.Settlement settlement = await(() -> orders.settlement(order.orderId()));
        assertThat(settlement.paymentReference()).isEqualTo(checkout.paymentReference());
        assertThat(settlement.confirmed()).isEqualTo(Money.of(1000, "GBP"));
        assertThat(paymentStatus(order)).isEqualTo("SETTLED");

        ProviderEvent succeeded = sandbox.eventsFor(checkout.paymentReference()).stream()
                .filter((event) -> event.type().equals(ProviderEvent.SUCCEEDED)).findFirst().orElseThrow();
        RecordedWebhook delivered = await(() -> sandbox.records().webhooksFor(checkout.paymentReference()).stream()
                .filter((webhook) -> webhook.eventId().equals(succeeded.id())).findFirst());
        assertThat(delivered.status()).isEqualTo(200);
        List<RecordedRequest> retrieves = sandbox.records().requestsFor(checkout.paymentReference()).stream()
                .filter((request) -> request.method().equals("GET")).toList();
        assertThat(retrieves).as("the portal retrieved the payment after the event")
                .anySatisfy((request) -> {
                    assertThat(request.time()).isAfterOrEqualTo(succeeded.created());
                    assertThat(request.time()).isBeforeOrEqualTo(delivered.time());
                    assertThat(request.status()).isEqualTo(200);
                });
    }

    @Test
    void checkoutTwiceReusesPayment() {
        PayableOrder order = newOrder(1500, "GBP");

        ProviderCheckout first = provider.checkout(order, returnUrl(order));
        ProviderCheckout second = provider.checkout(order, returnUrl(order));

        assertThat(second).isEqualTo(first);
        assertThat(first.redirectUrl()).isEqualTo(sandbox.apiBase() + "/pay/" + first.paymentReference());
        assertThat(sandbox.paymentIntent(first.paymentReference()).orElseThrow().metadata())
                .containsEntry("order_number", order.number());
    }

    @Test
    void checkoutAfterEndedPaymentFails() throws Exception {
        PayableOrder order = newOrder(1000, "GBP");
        ProviderCheckout checkout = provider.checkout(order, returnUrl(order));
        provider.cancel(order.orderId());

        assertThat(sandbox.paymentIntent(checkout.paymentReference()).orElseThrow().status()).isEqualTo("canceled");
        assertThat(paymentStatus(order)).isEqualTo("CANCELED");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider.checkout(order, returnUrl(order)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CANCELED");
    }

    @Test
    void forgedSignatureIsRejected() throws Exception {
        PayableOrder order = newOrder(1000, "GBP");
        String body = heldSucceededEvent(order).body();

        HttpResponse<String> response = postWebhook(body,
                PaymentSandbox.signatureHeader("whsec_forged_by_someone_else", now(), body));

        assertRejected(response, "invalid_signature");
        assertThat(orders.settlement(order.orderId())).isEmpty();
    }

    @Test
    void missingSignatureIsRejected() throws Exception {
        PayableOrder order = newOrder(1000, "GBP");
        String body = heldSucceededEvent(order).body();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhookUri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertRejected(response, "invalid_signature");
    }

    @Test
    void staleTimestampIsRejected() throws Exception {
        PayableOrder order = newOrder(1000, "GBP");
        String body = heldSucceededEvent(order).body();

        HttpResponse<String> response = postWebhook(body,
                PaymentSandbox.signatureHeader(TestSandbox.WEBHOOK_SECRET, now() - 301, body));

        assertRejected(response, "stale_timestamp");
        assertThat(orders.settlement(order.orderId())).isEmpty();
    }

    @Test
    void replayedEventIsRejected() throws Exception {
        PayableOrder order = newOrder(1000, "GBP");
        ProviderCheckout checkout = provider.checkout(order, returnUrl(order));
        sandbox.pay(checkout.paymentReference());
        await(() -> orders.settlement(order.orderId()));
        ProviderEvent event = sandbox.eventsFor(checkout.paymentReference()).get(0);

        HttpResponse<String> response = postWebhook(event.body(),
                PaymentSandbox.signatureHeader(TestSandbox.WEBHOOK_SECRET, now(), event.body()));

        assertRejected(response, "replayed_event");
    }

    @Test
    void amountMismatchIsRejected() throws Exception {
        PayableOrder order = newOrder(1000, "GBP");
        ProviderCheckout checkout = provider.checkout(order, returnUrl(order));
        sandbox.reportAmount(checkout.paymentReference(), 1, "GBP");

        sandbox.pay(checkout.paymentReference());

        RecordedWebhook rejected = await(() -> sandbox.records().webhooksFor(checkout.paymentReference()).stream()
                .findFirst());
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(orders.settlement(order.orderId())).isEmpty();
        assertThat(paymentStatus(order)).isEqualTo("REJECTED");
        assertThat(rejections("amount_mismatch", checkout.paymentReference())).isPositive();
    }

    @Test
    void currencyMismatchIsRejected() throws Exception {
        PayableOrder order = newOrder(1000, "GBP");
        ProviderCheckout checkout = provider.checkout(order, returnUrl(order));
        sandbox.reportAmount(checkout.paymentReference(), 1000, "EUR");

        sandbox.pay(checkout.paymentReference());

        RecordedWebhook rejected = await(() -> sandbox.records().webhooksFor(checkout.paymentReference()).stream()
                .findFirst());
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(orders.settlement(order.orderId())).isEmpty();
        assertThat(rejections("currency_mismatch", checkout.paymentReference())).isPositive();
    }

    @Test
    void unknownPaymentIsRejected() throws Exception {
        PayableOrder order = newOrder(1000, "GBP");
        String body = heldSucceededEvent(order).body();
        String reference = order.number();
        String unknown = body.replace(sandbox.paymentIntents().stream()
                .filter((intent) -> reference.equals(intent.metadata().get("order_number")))
                .findFirst().orElseThrow().id(), "pi_notstartedbytheportal000");

        HttpResponse<String> response = postWebhook(unknown,
                PaymentSandbox.signatureHeader(TestSandbox.WEBHOOK_SECRET, now(), unknown));

        assertRejected(response, "unknown_payment");
    }

    @Test
    void pollerSettlesHeldWebhook() throws Exception {
        sandbox.holdWebhooks();
        PayableOrder order = newOrder(1200, "GBP");
        ProviderCheckout checkout = provider.checkout(order, returnUrl(order));

        sandbox.pay(checkout.paymentReference());

        TestPayableOrders.Settlement settlement = await(() -> orders.settlement(order.orderId()));
        assertThat(settlement.paymentReference()).isEqualTo(checkout.paymentReference());
        assertThat(sandbox.records().webhooksFor(checkout.paymentReference())).isEmpty();
    }

    @Test
    void pollerSettlesAfterProviderOutage() throws Exception {
        sandbox.holdWebhooks();
        PayableOrder order = newOrder(1300, "GBP");
        ProviderCheckout checkout = provider.checkout(order, returnUrl(order));
        sandbox.pay(checkout.paymentReference());
        sandbox.takeDown(Outage.CONNECTION_REFUSED);

        TimeUnit.SECONDS.sleep(3);
        assertThat(orders.settlement(order.orderId())).isEmpty();
        assertThat(jdbc.sql("SELECT poll_attempts FROM provider_payment WHERE order_id = ?").param(order.orderId())
                .query(Integer.class).single()).as("poll attempts while down").isPositive();

        sandbox.bringUp();
        TestPayableOrders.Settlement settlement = await(() -> orders.settlement(order.orderId()));
        assertThat(settlement.confirmed()).isEqualTo(Money.of(1300, "GBP"));
    }

    @Test
    void declinedPaymentIsReported() throws Exception {
        PayableOrder order = newOrder(1000, "GBP");
        ProviderCheckout checkout = provider.checkout(order, returnUrl(order));

        sandbox.decline(checkout.paymentReference());

        await(() -> orders.failures().stream()
                .filter((failure) -> failure.contains(checkout.paymentReference())).findFirst());
        assertThat(paymentStatus(order)).isEqualTo("PENDING");
    }

    private ProviderEvent heldSucceededEvent(PayableOrder order) throws Exception {
        sandbox.holdWebhooks();
        ProviderCheckout checkout = provider.checkout(order, returnUrl(order));
        sandbox.pay(checkout.paymentReference());
        return sandbox.heldWebhooks().stream()
                .filter((event) -> event.paymentIntentId().equals(checkout.paymentReference()))
                .findFirst().orElseThrow();
    }

    private HttpResponse<String> postWebhook(String body, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(webhookUri())
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertRejected(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"" + code + "\"", "\"errorId\"");
        assertThat(response.body()).doesNotContain("Exception", "stripe", TestSandbox.WEBHOOK_SECRET);
        assertThat(jdbc.sql("SELECT count(*) FROM security_event WHERE type = 'PAYMENT_NOTIFICATION_REJECTED' "
                + "AND outcome = ?").param(code).query(Long.class).single()).isPositive();
    }

    private long rejections(String code, String paymentReference) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = 'PAYMENT_NOTIFICATION_REJECTED' "
                + "AND outcome = ? AND reason LIKE ?").params(code, "%" + paymentReference + "%")
                .query(Long.class).single();
    }

    private String paymentStatus(PayableOrder order) {
        return jdbc.sql("SELECT status FROM provider_payment WHERE order_id = ?").param(order.orderId())
                .query(String.class).single();
    }

    private PayableOrder newOrder(long minorUnits, String currency) {
        long orderId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        String number = "SC-" + Long.toString(orderId, 36).toUpperCase().substring(0, 8);
        PayableOrder order = new PayableOrder(orderId, number, 1L, Money.of(minorUnits, currency));
        orders.add(order);
        return order;
    }

    private String returnUrl(PayableOrder order) {
        return "https://127.0.0.1:" + port + "/orders/" + order.number();
    }

    private URI webhookUri() {
        return URI.create("https://127.0.0.1:" + port + "/payments/webhook");
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static <T> T await(Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Nothing arrived within 15 seconds");
    }
}
