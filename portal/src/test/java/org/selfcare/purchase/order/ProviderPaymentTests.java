package org.selfcare.purchase.order;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.purchase.catalogue.Catalogue;
import org.selfcare.purchase.catalogue.ItemKind;
import org.selfcare.sandbox.payments.PaymentSandbox;
import org.selfcare.sandbox.payments.ProviderEvent;
import org.selfcare.sandbox.payments.RecordedRequest;
import org.selfcare.sandbox.payments.RecordedWebhook;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSandbox;
import org.selfcare.support.TestSubscribers;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders paid through the sandbox provider, end to end: the orders API starts the payment, the sandbox's page
 * outcome arrives as a signed webhook, and the portal settles the real order only after it retrieved the payment.
 */
@PortalTest
class ProviderPaymentTests {

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    Catalogue catalogue;

    @Autowired
    PaymentSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    private Shopper shopper;

    private String device;

    @BeforeEach
    void signIn() {
        TestSandbox.pointWebhooksAt(port);
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        shopper = new Shopper(port, subscriber.msisdn());
        device = Shopper.newItem(catalogue, ItemKind.DEVICE, 2900, 5);
    }

    @AfterEach
    void restoreSandbox() throws Exception {
        sandbox.bringUp();
        sandbox.releaseWebhooks();
    }

    @Test
    void providerPaymentPaysOrder() throws Exception {
        String number = placed();

        JsonNode payment = OrderApiTests.read(shopper.pay(number, "PROVIDER"));
        String redirect = payment.get("redirectUrl").stringValue();
        assertThat(redirect).startsWith(sandbox.apiBase() + "/pay/");
        assertThat(payment.get("order").get("status").stringValue()).isEqualTo("AWAITING_PAYMENT");
        String reference = redirect.substring(redirect.lastIndexOf('/') + 1);
        assertThat(sandbox.paymentIntent(reference).orElseThrow().amount()).isEqualTo(2900);

        sandbox.pay(reference);

        awaitStatus(number, "PAID");
        ProviderEvent succeeded = sandbox.eventsFor(reference).get(0);
        RecordedWebhook delivered = sandbox.records().webhooksFor(reference).get(0);
        assertThat(delivered.status()).isEqualTo(200);
        List<RecordedRequest> retrieves = sandbox.records().requestsFor(reference).stream()
                .filter((request) -> request.method().equals("GET")).toList();
        assertThat(retrieves).anySatisfy((request) -> {
            assertThat(request.time()).isAfterOrEqualTo(succeeded.created());
            assertThat(request.time()).isBeforeOrEqualTo(delivered.time());
        });
    }

    @Test
    void amountMismatchLeavesOrderUnpaid() throws Exception {
        String number = placed();
        String reference = reference(shopper.pay(number, "PROVIDER"));
        sandbox.reportAmount(reference, 100, "GBP");

        sandbox.pay(reference);

        awaitWebhook(reference);
        assertThat(sandbox.records().webhooksFor(reference).get(0).status()).isEqualTo(400);
        assertThat(status(number)).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void heldWebhookPollerPaysOrder() throws Exception {
        sandbox.holdWebhooks();
        String number = placed();
        String reference = reference(shopper.pay(number, "PROVIDER"));

        sandbox.pay(reference);

        awaitStatus(number, "PAID");
        assertThat(sandbox.records().webhooksFor(reference)).isEmpty();
    }

    private String placed() {
        HttpResponse<String> response = shopper.order(OrderApiTests.order(device, 1).replace("]}",
                "],\"deliveryAddress\":{\"name\":\"Robin Test\",\"line1\":\"1 High Street\",\"city\":\"London\","
                        + "\"postcode\":\"SW1A 1AA\",\"country\":\"GB\"}}"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return OrderApiTests.read(response).get("order").get("number").stringValue();
    }

    private static String reference(HttpResponse<String> payment) {
        assertThat(payment.statusCode()).as(payment.body()).isEqualTo(200);
        String redirect = OrderApiTests.read(payment).get("redirectUrl").stringValue();
        return redirect.substring(redirect.lastIndexOf('/') + 1);
    }

    private String status(String number) {
        return jdbc.sql("SELECT status FROM customer_order WHERE number = ?").param(number).query(String.class)
                .single();
    }

    private void awaitStatus(String number, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!status(number).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(status(number)).isEqualTo(expected);
    }

    private void awaitWebhook(String reference) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (sandbox.records().webhooksFor(reference).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sandbox.records().webhooksFor(reference)).isNotEmpty();
    }
}
