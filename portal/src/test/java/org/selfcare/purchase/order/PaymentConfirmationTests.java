package org.selfcare.purchase.order;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.monitoring.Alert;
import org.selfcare.monitoring.Alerts;
import org.selfcare.purchase.catalogue.Catalogue;
import org.selfcare.purchase.catalogue.ItemKind;
import org.selfcare.stepup.RiskSignals;
import org.selfcare.stepup.RiskState;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestClock;
import org.selfcare.support.TestInbox;
import org.selfcare.support.TestSubscribers;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.selfcare.purchase.order.OrderApiTests.assertError;
import static org.selfcare.purchase.order.OrderApiTests.read;

/**
 * Payments while monitoring flags the subscriber, through the real orders API. The abnormal pattern is produced
 * with real orders and detected by the real monitoring. The payment then needs an SMS code bound to the order and
 * its total, or is blocked.
 */
@PortalTest
@Import(PaymentConfirmationTests.Config.class)
class PaymentConfirmationTests {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    Catalogue catalogue;

    @Autowired
    RiskSignals risk;

    @Autowired
    Alerts alerts;

    @Autowired
    TestInbox inbox;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    private Subscriber subscriber;

    private Shopper shopper;

    /** A device of 10.00, so a payment moves the balance by its price and nothing credits it back. */
    private String device;

    @BeforeEach
    void signIn() {
        subscriber = TestSubscribers.create(directory, accounts);
        shopper = new Shopper(port, subscriber.msisdn(), clock);
        device = Shopper.newItem(catalogue, ItemKind.DEVICE, 1000, 1000);
        accounts.recordPayment(subscriber.id(), Money.of(50_000, "GBP"), PaymentChannel.CARD,
                "t-" + Shopper.newKey(), clock.instant());
    }

    @Test
    void normalSubscriberPaysWithoutConfirmation() {
        HttpResponse<String> paid = shopper.pay(placed(1), "STORE_CREDIT");

        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(read(paid).get("order").get("status").stringValue()).isEqualTo("PAID");
    }

    @Test
    void atRiskPaymentNeedsCodeForThatOrder() {
        String first = placed(1);
        assertThat(shopper.pay(first, "STORE_CREDIT").statusCode()).as("before the pattern").isEqualTo(200);
        String number = placed(1);
        String other = placed(2);
        placeUntil(RiskState.Level.AT_RISK, 3);

        HttpResponse<String> required = shopper.pay(number, "STORE_CREDIT");

        assertError(required, 403, "step_up_required");
        JsonNode body = read(required);
        assertThat(body.get("purpose").stringValue()).isEqualTo("payment");
        assertThat(body.get("methods").values()).extracting(JsonNode::stringValue).containsExactly("sms-code");
        assertThat(body.get("operation").get("description").stringValue())
                .isEqualTo("pay 10.00 GBP for order " + number);
        String code = requestCode(body.get("operation").get("id").stringValue(), "pay 10.00 GBP for order " + number);

        // The code serves neither another order nor another amount.
        HttpResponse<String> otherRequired = shopper.pay(other, "STORE_CREDIT");
        assertError(otherRequired, 403, "step_up_required");
        assertError(shopper.payConfirmed(other, "STORE_CREDIT", smsCode(code)), 400, "proof_invalid");
        assertThat(status(other)).isEqualTo("CREATED");
        // Nor does the service password while the subscriber is at risk.
        assertError(shopper.payConfirmed(number, "STORE_CREDIT", "{\"method\":\"service-password\",\"secret\":\""
                + TestSubscribers.SERVICE_PASSWORD + "\"}"), 403, "step_up_required");

        HttpResponse<String> paid = shopper.payConfirmed(number, "STORE_CREDIT", smsCode(code));

        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(status(number)).isEqualTo("PAID");
        assertThat(securityEvents("OPERATION_CONFIRMED")).isEqualTo(1);
        assertThat(securityEvents("OPERATION_CONFIRMATION_FAILED")).isEqualTo(1);
    }

    @Test
    void usedCodeIsRefusedForProviderPayment() {
        String number = placed(1);
        placeUntil(RiskState.Level.AT_RISK, 5);
        HttpResponse<String> required = shopper.pay(number, "STORE_CREDIT");
        assertError(required, 403, "step_up_required");
        String code = requestCode(read(required).get("operation").get("id").stringValue(), number);
        assertThat(shopper.payConfirmed(number, "STORE_CREDIT", smsCode(code)).statusCode()).isEqualTo(200);

        // Provider payments need a code too, and the next order's payment needs its own.
        String next = placed(1);
        assertError(shopper.pay(next, "PROVIDER"), 403, "step_up_required");
        assertError(shopper.payConfirmed(next, "PROVIDER", smsCode(code)), 400, "proof_invalid");
        assertThat(status(next)).isEqualTo("CREATED");
    }

    @Test
    void blockedSubscriberCannotPayUntilBlockEnds() {
        String number = placed(1);
        placeUntil(RiskState.Level.BLOCKED, 12);
        RiskState blocked = risk.stateOf(subscriber.id());

        HttpResponse<String> refused = shopper.pay(number, "STORE_CREDIT");

        assertError(refused, 403, "operation_blocked");
        assertThat(Instant.parse(read(refused).get("blockedUntil").stringValue())).isEqualTo(blocked.until());
        assertThat(status(number)).isEqualTo("CREATED");

        clock.advance(Duration.between(clock.instant(), blocked.until()).plusSeconds(1));
        assertThat(risk.stateOf(subscriber.id()).level()).isEqualTo(RiskState.Level.AT_RISK);
        // The first order expired meanwhile; a new one shows what the subscriber may do after the block.
        assertError(shopper.pay(placed(1), "STORE_CREDIT"), 403, "step_up_required");
    }

    @Test
    void resolvingAlertsClearsRisk() {
        placeUntil(RiskState.Level.AT_RISK, 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> openAlerts().size() == 2);
        List<Alert> open = openAlerts();
        assertThat(open).extracting(Alert::detector).containsExactlyInAnyOrder("order-surge", "unpaid-orders");
        String number = placed(1);

        assertThat(alerts.resolve(open.get(0).id(), "ops-jane", "Checked with the subscriber by phone", true))
                .hasValueSatisfying((alert) -> assertThat(alert.resolvedBy()).isEqualTo("ops-jane"));
        assertThat(risk.stateOf(subscriber.id()).level()).as("another alert is open")
                .isEqualTo(RiskState.Level.AT_RISK);
        assertError(shopper.pay(number, "STORE_CREDIT"), 403, "step_up_required");

        assertThat(alerts.resolve(open.get(1).id(), "ops-jane", "Same case", true)).isPresent();
        assertThat(alerts.resolve(open.get(1).id(), "ops-jane", "Twice", true)).as("already resolved").isEmpty();

        assertThat(risk.stateOf(subscriber.id())).isEqualTo(RiskState.NORMAL);
        HttpResponse<String> paid = shopper.pay(number, "STORE_CREDIT");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(securityEvents("ALERT_RAISED")).isEqualTo(2);
        assertThat(securityEvents("ALERT_RESOLVED")).isEqualTo(2);
        assertThat(securityEvents("RISK_CLEARED")).isEqualTo(1);
    }

    @Test
    void resolvingWithoutClearingKeepsRisk() {
        placeUntil(RiskState.Level.AT_RISK, 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> openAlerts().size() == 2);

        openAlerts().forEach((alert) -> alerts.resolve(alert.id(), "ops-jane", "Watching", false));

        assertThat(openAlerts()).isEmpty();
        assertThat(risk.stateOf(subscriber.id()).level()).isEqualTo(RiskState.Level.AT_RISK);
        assertThat(securityEvents("RISK_CLEARED")).isZero();
    }

    @Test
    void malformedConfirmationIsRejected() {
        String number = placed(1);
        for (String confirmation : List.of("\"123456\"", "{\"method\":\"sms-code\"}",
                "{\"method\":\"carrier-pigeon\",\"secret\":\"123456\"}", "{\"method\":\"sms-code\",\"secret\":7}")) {
            assertError(shopper.payConfirmed(number, "STORE_CREDIT", confirmation), 400, "invalid_payment");
        }
        assertThat(status(number)).isEqualTo("CREATED");
    }

    /** Places orders until monitoring reports {@code level}, at most {@code max} of them. */
    private void placeUntil(RiskState.Level level, int max) {
        for (int i = 0; i < max && risk.stateOf(subscriber.id()).level() != level; i++) {
            placed(1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> risk.stateOf(subscriber.id()).level() == level);
    }

    private String placed(int quantity) {
        HttpResponse<String> response = shopper.order("""
                {"items":[{"itemId":"%s","quantity":%d}],"deliveryAddress":{"name":"Sam Test","line1":"2 Mill Lane",
                 "city":"Leeds","postcode":"LS1 4AP","country":"GB"}}""".formatted(device, quantity));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return read(response).get("order").get("number").stringValue();
    }

    /** Asks for the operation's code and returns it from the SMS, which must name {@code expected}. */
    private String requestCode(String operationId, String expected) {
        Instant since = Instant.now().minusSeconds(1);
        HttpResponse<String> sent = shopper.client.postJson("/api/v1/stepup/code",
                "{\"purpose\":\"payment\",\"operation\":\"" + operationId + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String sms = inbox.awaitSms(subscriber.msisdnE164(), since);
        assertThat(sms).contains(expected);
        Matcher matcher = CODE.matcher(sms);
        assertThat(matcher.find()).as("six-digit code in: " + sms).isTrue();
        return matcher.group(1);
    }

    private static String smsCode(String code) {
        return "{\"method\":\"sms-code\",\"secret\":\"" + code + "\"}";
    }

    private List<Alert> openAlerts() {
        return alerts.forSubscriber(subscriber.id(), 50).stream().filter(Alert::open).toList();
    }

    private String status(String number) {
        return jdbc.sql("SELECT status FROM customer_order WHERE number = ?").param(number).query(String.class)
                .single();
    }

    private long securityEvents(String type) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = ? AND subscriber_id = ?")
                .params(type, subscriber.id()).query(Long.class).single();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
