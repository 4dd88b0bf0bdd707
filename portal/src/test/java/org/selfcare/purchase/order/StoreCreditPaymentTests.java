package org.selfcare.purchase.order;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.purchase.PayableOrders;
import org.selfcare.purchase.SettlementMismatchException;
import org.selfcare.purchase.catalogue.Catalogue;
import org.selfcare.purchase.catalogue.ItemKind;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestInbox;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.selfcare.purchase.order.OrderApiTests.all;
import static org.selfcare.purchase.order.OrderApiTests.assertError;
import static org.selfcare.purchase.order.OrderApiTests.read;

/**
 * Paying orders from the balance, and settling them for the payment provider: races for the same credit,
 * insufficient credit, repeated payments, and confirmations that do not fit the order.
 */
@PortalTest
class StoreCreditPaymentTests {

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    Catalogue catalogue;

    @Autowired
    PayableOrders payableOrders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestInbox inbox;

    private Subscriber subscriber;

    private Shopper shopper;

    /** A device of 10.00, so a payment moves the balance by its price and nothing credits it back. */
    private String device;

    @BeforeEach
    void signIn() {
        subscriber = TestSubscribers.create(directory, accounts);
        shopper = new Shopper(port, subscriber.msisdn());
        device = Shopper.newItem(catalogue, ItemKind.DEVICE, 1000, 100);
    }

    @Test
    void racingPaymentsLetExactlyOneThrough() throws Exception {
        topUp(1500);
        String first = placed();
        String second = placed();
        shopper.client.sessionKey();
        HttpRequest payFirst = shopper.post("/api/v1/orders/" + first + "/payment", "application/json",
                "{\"method\":\"STORE_CREDIT\"}", Shopper.newKey());
        HttpRequest paySecond = shopper.post("/api/v1/orders/" + second + "/payment", "application/json",
                "{\"method\":\"STORE_CREDIT\"}", Shopper.newKey());

        List<HttpResponse<String>> responses = all(List.<Callable<HttpResponse<String>>>of(
                () -> shopper.client.send(payFirst), () -> shopper.client.send(paySecond)));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        HttpResponse<String> refused = responses.stream().filter((r) -> r.statusCode() == 409).findFirst().orElseThrow();
        assertError(refused, 409, "insufficient_credit");
        assertThat(balance()).isEqualTo(500);
        assertThat(statuses(first, second)).containsExactlyInAnyOrder("PAID", "CREATED");
        assertThat(purchaseEntries()).isEqualTo(1);
    }

    @Test
    void concurrentPaymentsDebitOnce() throws Exception {
        topUp(5000);
        String number = placed();
        shopper.client.sessionKey();
        List<Callable<HttpResponse<String>>> tasks = List.of(1, 2, 3).stream()
                .map((i) -> shopper.post("/api/v1/orders/" + number + "/payment", "application/json",
                        "{\"method\":\"STORE_CREDIT\"}", Shopper.newKey()))
                .<Callable<HttpResponse<String>>>map((request) -> () -> shopper.client.send(request))
                .toList();

        List<HttpResponse<String>> responses = all(tasks);

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409, 409);
        assertThat(balance()).isEqualTo(4000);
        assertThat(purchaseEntries()).isEqualTo(1);
    }

    @Test
    void insufficientCreditChangesNothing() {
        topUp(900);
        String number = placed();
        String key = Shopper.newKey();

        assertError(shopper.pay(number, "STORE_CREDIT", key), 409, "insufficient_credit");

        assertThat(balance()).isEqualTo(900);
        assertThat(statuses(number)).containsExactly("CREATED");
        assertThat(purchaseEntries()).isZero();

        // A refusal is not stored, so the same key works once the balance covers the order.
        topUp(100);
        HttpResponse<String> paid = shopper.pay(number, "STORE_CREDIT", key);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(balance()).isZero();
    }

    @Test
    void repeatedPaymentKeyReplaysResponse() {
        topUp(5000);
        String number = placed();
        String key = Shopper.newKey();

        HttpResponse<String> first = shopper.pay(number, "STORE_CREDIT", key);
        HttpResponse<String> again = shopper.pay(number, "STORE_CREDIT", key);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(balance()).isEqualTo(4000);
        assertError(shopper.pay(number, "PROVIDER", key), 409, "idempotency_key_reused");
    }

    @Test
    void paidOrderSendsEmail() {
        String address = "buyer-" + subscriber.id() + "@example.org";
        jdbc.sql("UPDATE subscriber SET contact_email = ? WHERE id = ?").params(address, subscriber.id()).update();
        topUp(5000);
        String number = placed();
        Instant before = Instant.now().minusSeconds(1);

        assertThat(shopper.pay(number, "STORE_CREDIT").statusCode()).isEqualTo(200);

        assertThat(inbox.awaitMail(address, before).toString()).contains(number, "1 x Item " + device, "10.00 GBP");
        assertThat(read(shopper.client.get("/api/v1/orders/" + number)).get("order").get("status").stringValue())
                .isEqualTo("PAID");
    }

    @Test
    void providerSettlementChecksAmountAndIsIdempotent() {
        String number = placed();
        long orderId = orderId(number);
        jdbc.sql("UPDATE customer_order SET status = 'AWAITING_PAYMENT', payment_method = 'PROVIDER', "
                + "payment_reference = 'pi_test' WHERE id = ?").param(orderId).update();

        assertThat(payableOrders.payable(subscriber.id(), number)).isPresent();
        assertThatExceptionOfType(SettlementMismatchException.class).isThrownBy(() -> payableOrders
                .settleByProvider(orderId, "pi_test", Money.of(999, "GBP"), Instant.now()));
        assertThatExceptionOfType(SettlementMismatchException.class).isThrownBy(() -> payableOrders
                .settleByProvider(orderId, "pi_test", Money.of(1000, "EUR"), Instant.now()));
        assertThat(statuses(number)).containsExactly("AWAITING_PAYMENT");

        assertThat(payableOrders.settleByProvider(orderId, "pi_test", Money.of(1000, "GBP"), Instant.now())).isTrue();
        assertThat(payableOrders.settleByProvider(orderId, "pi_test", Money.of(1000, "GBP"), Instant.now())).isFalse();
        assertThat(statuses(number)).containsExactly("PAID");
        assertThat(payableOrders.payable(subscriber.id(), number)).isEmpty();
        assertThatExceptionOfType(SettlementMismatchException.class).isThrownBy(() -> payableOrders
                .settleByProvider(orderId, "pi_other", Money.of(1000, "GBP"), Instant.now()));
    }

    @Test
    void providerSettlementRefusesCancelledOrders() {
        String number = placed();
        long orderId = orderId(number);
        assertThat(shopper.cancel(number).statusCode()).isEqualTo(200);

        assertThatExceptionOfType(SettlementMismatchException.class).isThrownBy(() -> payableOrders
                .settleByProvider(orderId, "pi_late", Money.of(1000, "GBP"), Instant.now()));
        assertThat(statuses(number)).containsExactly("CANCELLED");
    }

    @Test
    void failedProviderPaymentKeepsOrderPayable() {
        String number = placed();
        long orderId = orderId(number);
        jdbc.sql("UPDATE customer_order SET status = 'AWAITING_PAYMENT', payment_method = 'PROVIDER', "
                + "payment_reference = 'pi_failed' WHERE id = ?").param(orderId).update();

        payableOrders.providerPaymentFailed(orderId, "pi_failed", "card declined");

        assertThat(statuses(number)).containsExactly("CREATED");
        assertThat(payableOrders.payable(subscriber.id(), number)).isPresent();
    }

    private String placed() {
        HttpResponse<String> response = shopper.order("""
                {"items":[{"itemId":"%s","quantity":1}],"deliveryAddress":{"name":"Sam Test","line1":"2 Mill Lane",
                 "city":"Leeds","postcode":"LS1 4AP","country":"GB"}}""".formatted(device));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return read(response).get("order").get("number").stringValue();
    }

    private void topUp(long minorUnits) {
        accounts.recordPayment(subscriber.id(), Money.of(minorUnits, "GBP"), PaymentChannel.CARD,
                "t-" + Shopper.newKey(), Instant.now());
    }

    private long balance() {
        return accounts.balance(subscriber.id()).orElseThrow().value().minorUnits();
    }

    private long orderId(String number) {
        return jdbc.sql("SELECT id FROM customer_order WHERE number = ?").param(number).query(Long.class).single();
    }

    private List<String> statuses(String... numbers) {
        return List.of(numbers).stream()
                .map((number) -> jdbc.sql("SELECT status FROM customer_order WHERE number = ?").param(number)
                        .query(String.class).single())
                .toList();
    }

    private long purchaseEntries() {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE subscriber_id = ? AND kind = 'PURCHASE'")
                .param(subscriber.id()).query(Long.class).single();
    }
}
