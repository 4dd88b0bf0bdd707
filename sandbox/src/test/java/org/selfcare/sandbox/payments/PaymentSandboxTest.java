package org.selfcare.sandbox.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentCreateParams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.sandbox.tls.SelfSignedTls;

/**
 * Drives the payment sandbox with stripe-java, the client the portal uses, so every response is one that
 * stripe-java parses. stripe-java's default HTTP client opens {@code HttpsURLConnection}s, so the tests set the
 * default socket factory to one that trusts exactly the sandbox's certificate, and restore it afterwards.
 */
class PaymentSandboxTest {

    private static final String SECRET_KEY = "sk_test_sandbox_0123456789";
    private static final String WEBHOOK_SECRET = "whsec_sandbox_0123456789";
    private static final String RETURN_URL = "https://127.0.0.1:8443/orders/SC-12345678";

    private SSLSocketFactory defaultFactory;
    private WebhookReceiver receiver;
    private PaymentSandbox provider;
    private StripeClient stripe;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.http();
        provider = PaymentSandbox.builder()
                .secretKey(SECRET_KEY)
                .webhooks(receiver.endpoint(), WEBHOOK_SECRET, List.of())
                .webhookRetryDelay(Duration.ofMillis(50))
                .webhookMaxAttempts(3)
                .build();
        provider.start();

        SSLContext trustingSandbox = trusting(provider.certificate());
        defaultFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(trustingSandbox.getSocketFactory());
        stripe = client(SECRET_KEY);
        http = HttpClient.newBuilder().sslContext(trustingSandbox).build();
    }

    @AfterEach
    void stop() {
        HttpsURLConnection.setDefaultSSLSocketFactory(defaultFactory);
        provider.close();
        receiver.close();
    }

    @Test
    void createRetrieveAndCancelWithStripeJava() throws Exception {
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));

        assertThat(created.getId()).matches("pi_[A-Za-z0-9]{24}");
        assertThat(created.getAmount()).isEqualTo(1000L);
        assertThat(created.getCurrency()).isEqualTo("gbp");
        assertThat(created.getMetadata()).containsEntry("order_number", "SC-12345678");
        assertThat(created.getStatus()).isEqualTo("requires_action");
        assertThat(created.getNextAction().getRedirectToUrl().getUrl())
                .isEqualTo(provider.apiBase() + "/pay/" + created.getId());
        assertThat(created.getNextAction().getRedirectToUrl().getReturnUrl()).isEqualTo(RETURN_URL);

        com.stripe.model.PaymentIntent retrieved = stripe.v1().paymentIntents().retrieve(created.getId());
        assertThat(retrieved.getAmount()).isEqualTo(1000L);
        assertThat(retrieved.getStatus()).isEqualTo("requires_action");

        com.stripe.model.PaymentIntent canceled = stripe.v1().paymentIntents().cancel(created.getId());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCanceledAt()).isNotNull();
        assertThat(provider.paymentIntent(created.getId()).orElseThrow().status()).isEqualTo("canceled");

        Event event = verified(receiver.await(1).get(0));
        assertThat(event.getType()).isEqualTo("payment_intent.canceled");
    }

    @Test
    void wrongSecretKeyGets401() throws Exception {
        assertThatThrownBy(() -> client("sk_test_not_the_key_0000").v1().paymentIntents().create(createParams(1000)))
                .isInstanceOf(AuthenticationException.class);

        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(URI.create(provider.apiBase()
                + "/v1/payment_intents/pi_x")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.body()).doesNotContain(SECRET_KEY);
        assertThat(provider.paymentIntents()).isEmpty();
        assertThat(provider.records().requests()).extracting(RecordedRequest::status).containsOnly(401);
    }

    @Test
    void idempotencyKeyReplaysTheFirstCreate() throws Exception {
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("order-42-checkout").build();

        com.stripe.model.PaymentIntent first = stripe.v1().paymentIntents().create(createParams(1000), key);
        com.stripe.model.PaymentIntent again = stripe.v1().paymentIntents().create(createParams(1000), key);

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(provider.paymentIntents()).hasSize(1);
        assertThat(provider.records().requests()).extracting(RecordedRequest::idempotentReplay)
                .containsExactly(false, true);
        assertThat(again.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
    }

    @Test
    void idempotencyKeyWithOtherParametersIsRejected() throws Exception {
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("order-43-checkout").build();
        stripe.v1().paymentIntents().create(createParams(1000), key);

        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(createParams(2000), key))
                .isInstanceOf(IdempotencyException.class);
        assertThat(provider.paymentIntents()).hasSize(1);
    }

    @Test
    void invalidParametersAreRejected() {
        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(0L).setCurrency("gbp").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("amount"));
        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(100L).setCurrency("pounds").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("currency"));
        assertThatThrownBy(() -> stripe.v1().paymentIntents().retrieve("pi_missing"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("resource_missing"));
        assertThat(provider.paymentIntents()).isEmpty();
    }

    @Test
    void payingSendsASignedSucceededEvent() throws Exception {
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));

        provider.pay(created.getId());

        Event event = verified(receiver.await(1).get(0));
        assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
        assertThat(event.getApiVersion()).isEqualTo(com.stripe.Stripe.API_VERSION);
        com.stripe.model.PaymentIntent inEvent =
                (com.stripe.model.PaymentIntent) event.getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(inEvent.getId()).isEqualTo(created.getId());
        assertThat(inEvent.getAmountReceived()).isEqualTo(1000L);
        assertThat(stripe.v1().paymentIntents().retrieve(created.getId()).getStatus()).isEqualTo("succeeded");
        assertThatThrownBy(() -> stripe.v1().paymentIntents().cancel(created.getId()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("payment_intent_unexpected_state"));
    }

    @Test
    void forgedSecretDoesNotVerify() throws Exception {
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));
        provider.pay(created.getId());

        WebhookReceiver.Delivery delivery = receiver.await(1).get(0);

        assertThatThrownBy(() -> Webhook.constructEvent(delivery.body(), delivery.signature(),
                "whsec_some_other_secret_000", 300))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void paymentPageRedirectsAfterPay() throws Exception {
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));
        URI page = URI.create(created.getNextAction().getRedirectToUrl().getUrl());

        HttpResponse<String> form = http.send(HttpRequest.newBuilder(page).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("10.00 GBP", "value=\"pay\"", "value=\"decline\"").doesNotContain("<script");
        assertThat(form.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "form-action 'self' https://127.0.0.1:8443");

        HttpResponse<String> paid = http.send(HttpRequest.newBuilder(page)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("outcome=pay")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).contains(RETURN_URL + "?payment_intent=" + created.getId()
                + "&redirect_status=succeeded");
        assertThat(provider.paymentIntent(created.getId()).orElseThrow().status()).isEqualTo("succeeded");

        HttpResponse<String> again = http.send(HttpRequest.newBuilder(page)
                .POST(HttpRequest.BodyPublishers.ofString("outcome=decline")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(provider.paymentIntent(created.getId()).orElseThrow().status()).isEqualTo("succeeded");
    }

    @Test
    void declineKeepsIntentOpen() throws Exception {
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));

        provider.decline(created.getId());

        assertThat(verified(receiver.await(1).get(0)).getType()).isEqualTo("payment_intent.payment_failed");
        com.stripe.model.PaymentIntent retrieved = stripe.v1().paymentIntents().retrieve(created.getId());
        assertThat(retrieved.getStatus()).isEqualTo("requires_payment_method");
        assertThat(retrieved.getLastPaymentError().getCode()).isEqualTo("card_declined");
    }

    @Test
    void failedDeliveryIsRetried() throws Exception {
        receiver.respondWith(500, 503);
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));

        provider.pay(created.getId());

        List<WebhookReceiver.Delivery> deliveries = receiver.await(3);
        assertThat(deliveries).extracting(WebhookReceiver.Delivery::body).containsOnly(deliveries.get(0).body());
        awaitRecords(3);
        assertThat(provider.records().webhooksFor(created.getId()))
                .extracting(RecordedWebhook::attempt, RecordedWebhook::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500),
                        org.assertj.core.groups.Tuple.tuple(2, 503), org.assertj.core.groups.Tuple.tuple(3, 200));
    }

    @Test
    void heldWebhooksWaitForRelease() throws Exception {
        provider.holdWebhooks();
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));
        provider.pay(created.getId());

        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(receiver.deliveries()).isEmpty();
        assertThat(provider.heldWebhooks()).hasSize(1);

        provider.releaseWebhooks();
        assertThat(verified(receiver.await(1).get(0)).getType()).isEqualTo("payment_intent.succeeded");
    }

    @Test
    void replaySendsTheSameEventAgain() throws Exception {
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));
        provider.pay(created.getId());
        Event first = verified(receiver.await(1).get(0));

        provider.replay(first.getId());

        Event replayed = verified(receiver.await(2).get(1));
        assertThat(replayed.getId()).isEqualTo(first.getId());
        assertThatThrownBy(() -> provider.replay("evt_unknown")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outagesAndRecovery() throws Exception {
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));
        int port = provider.port();

        provider.takeDown(Outage.SERVICE_UNAVAILABLE);
        assertThatThrownBy(() -> stripe.v1().paymentIntents().retrieve(created.getId()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(503));

        provider.takeDown(Outage.CONNECTION_REFUSED);
        assertThatThrownBy(() -> stripe.v1().paymentIntents().retrieve(created.getId()))
                .isInstanceOf(ApiConnectionException.class);

        provider.bringUp();
        assertThat(provider.port()).isEqualTo(port);
        assertThat(stripe.v1().paymentIntents().retrieve(created.getId()).getId()).isEqualTo(created.getId());
    }

    @Test
    void reportedAmountCanDifferForTests() throws Exception {
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));

        provider.reportAmount(created.getId(), 999, "EUR");

        com.stripe.model.PaymentIntent retrieved = stripe.v1().paymentIntents().retrieve(created.getId());
        assertThat(retrieved.getAmount()).isEqualTo(999L);
        assertThat(retrieved.getCurrency()).isEqualTo("eur");
    }

    @Test
    void recordsAreServedAsJson() throws Exception {
        com.stripe.model.PaymentIntent created = stripe.v1().paymentIntents().create(createParams(1000));
        stripe.v1().paymentIntents().retrieve(created.getId());
        provider.pay(created.getId());
        receiver.await(1);
        awaitRecords(1);

        HttpResponse<String> records = http.send(HttpRequest.newBuilder(URI.create(provider.apiBase()
                + "/sandbox/records")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(records.statusCode()).isEqualTo(200);
        assertThat(records.body()).contains("\"method\":\"POST\"", "\"method\":\"GET\"",
                "\"path\":\"/v1/payment_intents/" + created.getId() + "\"", "\"type\":\"payment_intent.succeeded\"",
                "\"paymentIntentId\":\"" + created.getId() + "\"").doesNotContain(SECRET_KEY, WEBHOOK_SECRET);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(provider.apiBase()
                + "/sandbox/records")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void webhooksOverHttpsTrustOnlyTheGivenAnchor() throws Exception {
        SelfSignedTls endpointTls = SelfSignedTls.generate("Webhook endpoint");
        try (WebhookReceiver httpsReceiver = WebhookReceiver.https(endpointTls.serverContext())) {
            provider.configureWebhooks(httpsReceiver.endpoint(), WEBHOOK_SECRET, List.of());
            com.stripe.model.PaymentIntent first = stripe.v1().paymentIntents().create(createParams(1000));
            provider.pay(first.getId());
            awaitRecords(3);
            assertThat(provider.records().webhooksFor(first.getId()))
                    .allSatisfy(attempt -> assertThat(attempt.error()).contains("SSL"));
            assertThat(httpsReceiver.deliveries()).isEmpty();

            provider.configureWebhooks(httpsReceiver.endpoint(), WEBHOOK_SECRET,
                    PaymentSandbox.readCertificates(endpointTls.pem()));
            com.stripe.model.PaymentIntent second = stripe.v1().paymentIntents().create(createParams(2000));
            provider.pay(second.getId());
            assertThat(verified(httpsReceiver.await(1).get(0)).getType()).isEqualTo("payment_intent.succeeded");
        }
    }

    private void awaitRecords(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (provider.records().webhooks().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(provider.records().webhooks()).hasSizeGreaterThanOrEqualTo(count);
    }

    private Event verified(WebhookReceiver.Delivery delivery) throws SignatureVerificationException {
        return Webhook.constructEvent(delivery.body(), delivery.signature(), WEBHOOK_SECRET, 300);
    }

    private StripeClient client(String key) {
        return StripeClient.builder().setApiKey(key).setApiBase(provider.apiBase()).setMaxNetworkRetries(0).build();
    }

    private static PaymentIntentCreateParams createParams(long amount) {
        return PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency("gbp")
                .putMetadata("order_number", "SC-12345678")
                .setConfirm(true)
                .setReturnUrl(RETURN_URL)
                .build();
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("sandbox", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
