package org.selfcare.subscription;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;
import org.selfcare.subscription.ValueAddedService.Cancellation;
import org.selfcare.support.PortalTest;
import org.selfcare.support.RecordingSecurityLog;
import org.selfcare.support.TestClock;
import org.selfcare.support.TestInbox;
import org.selfcare.support.TestSubscribers;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.selfcare.subscription.Subscribing.SERVICE_PASSWORD;
import static org.selfcare.subscription.Subscribing.assertError;
import static org.selfcare.subscription.Subscribing.read;

/**
 * The services and subscriptions API: what a subscribe charges, races, refusals, bad input, and the second
 * authentication bound to the service and its fee.
 */
@PortalTest
@Import(SubscriptionTestConfig.class)
@TestPropertySource(properties = "selfcare.subscription.renewal-interval=24h")
class SubscriptionApiTests {

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    ServiceCatalogue catalogue;

    @Autowired
    TestClock clock;

    @Autowired
    RecordingSecurityLog securityLog;

    @Autowired
    TestInbox inbox;

    @Autowired
    JdbcClient jdbc;

    private Subscriber subscriber;

    private Subscribing session;

    private ValueAddedService monthly;

    @BeforeEach
    void signIn() {
        clock.set(Instant.now());
        subscriber = TestSubscribers.create(directory, accounts);
        session = new Subscribing(port, clock, subscriber.msisdn(), subscriber.msisdnE164());
        monthly = Subscribing.newService(catalogue, 200, BillingPeriod.MONTH, true, Cancellation.END_OF_PERIOD);
    }

    @Test
    void servicesListsActiveOnly() {
        ValueAddedService inactive = catalogue.save(new ValueAddedService("t-off-" + subscriber.id(), "Off", "Off.",
                monthly.fee(), BillingPeriod.DAY, false, Cancellation.IMMEDIATE_PRO_RATA, false));

        JsonNode services = read(session.client.get("/api/v1/services")).get("services");

        JsonNode listed = find(services, monthly.code());
        assertThat(listed.get("name").stringValue()).isEqualTo(monthly.name());
        assertThat(listed.get("content").stringValue()).isEqualTo(monthly.content());
        assertThat(listed.get("fee").get("minorUnits").longValue()).isEqualTo(200);
        assertThat(listed.get("fee").get("currency").stringValue()).isEqualTo("GBP");
        assertThat(listed.get("period").stringValue()).isEqualTo("month");
        assertThat(listed.get("autoRenew").booleanValue()).isTrue();
        assertThat(listed.get("cancellation").stringValue()).isEqualTo("end-of-period");
        assertThat(find(services, inactive.code())).isNull();
    }

    @Test
    void subscribeChargesLedgerOnce() {
        Subscribing.topUp(accounts, subscriber.id(), 500);

        HttpResponse<String> response = session.subscribe(monthly.code(), SERVICE_PASSWORD);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode subscription = read(response).get("subscription");
        assertThat(subscription.get("service").get("code").stringValue()).isEqualTo(monthly.code());
        assertThat(subscription.get("status").stringValue()).isEqualTo("active");
        assertThat(subscription.get("fee").get("minorUnits").longValue()).isEqualTo(200);
        assertThat(subscription.get("cancelledAt").isNull()).isTrue();
        assertThat(balance()).isEqualTo(300);
        assertThat(feeEntries()).isEqualTo(1);
        assertThat(securityLog.events(SecurityEventType.SUBSCRIBED, monthly.code())).hasSize(1);

        JsonNode listed = read(session.client.get("/api/v1/subscriptions"));
        assertThat(listed.get("timeZone").stringValue()).isEqualTo("Europe/London");
        assertThat(listed.get("subscriptions")).hasSize(1);
        assertThat(listed.get("subscriptions").get(0).get("expiresAt").stringValue())
                .isEqualTo(subscription.get("expiresAt").stringValue());
    }

    @Test
    void secondSubscribeIsConflict() {
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        assertThat(session.subscribe(monthly.code(), SERVICE_PASSWORD).statusCode()).isEqualTo(201);
        int confirmed = confirmations(SecurityEventType.OPERATION_CONFIRMED);

        assertError(session.subscribe(monthly.code(), SERVICE_PASSWORD), 409, "already_subscribed");

        assertThat(balance()).isEqualTo(800);
        assertThat(feeEntries()).isEqualTo(1);
        assertThat(confirmations(SecurityEventType.OPERATION_CONFIRMED)).as("no confirmation for a refused change")
                .isEqualTo(confirmed);
    }

    @Test
    void concurrentSubscribesChargeOnce() throws Exception {
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        session.client.sessionKey();
        HttpRequest first = session.subscribeRequest(monthly.code(), SERVICE_PASSWORD);
        HttpRequest second = session.subscribeRequest(monthly.code(), SERVICE_PASSWORD);

        List<HttpResponse<String>> responses = together(first, second);

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
        assertError(responses.stream().filter((r) -> r.statusCode() == 409).findFirst().orElseThrow(), 409,
                "already_subscribed");
        assertThat(balance()).isEqualTo(800);
        assertThat(feeEntries()).isEqualTo(1);
        assertThat(runningCount()).isEqualTo(1);
    }

    @Test
    void insufficientCreditChargesNothing() {
        Subscribing.topUp(accounts, subscriber.id(), 199);

        assertError(session.subscribe(monthly.code(), SERVICE_PASSWORD), 409, "insufficient_credit");

        assertThat(balance()).isEqualTo(199);
        assertThat(feeEntries()).isZero();
        assertThat(runningCount()).isZero();
    }

    @Test
    void badInputIsRejectedPlainly() {
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        String code = monthly.code();

        assertError(session.subscribe("no-such-service", SERVICE_PASSWORD), 404, "unknown_service");
        assertError(session.subscribe("../../etc", SERVICE_PASSWORD), 404, "unknown_service");
        assertError(send("{\"service\": \"" + code + "\""), 400, "invalid_request");
        assertError(send("[\"" + code + "\"]"), 400, "invalid_request");
        assertError(send("{\"service\": 42}"), 400, "invalid_request");
        assertError(send("{\"service\": [\"" + code + "\"]}"), 400, "invalid_request");
        assertError(send("{}"), 400, "invalid_request");
        assertError(send("{\"service\": \"" + code + "\", \"service\": \"other\"}"), 400, "invalid_request");
        assertError(send("{\"service\": \"" + code + "\", \"fee\": 1}"), 400, "invalid_request");
        assertError(send("{\"service\": \"" + code + "\", \"confirmation\": \"secret\"}"), 400, "invalid_request");
        assertError(send("{\"service\": \"" + code + "\", \"confirmation\": {\"method\": \"voice\", "
                + "\"secret\": \"x\"}}"), 400, "invalid_request");
        assertError(send("{\"service\": \"" + code + "\", \"confirmation\": {\"method\": \"sms-code\", "
                + "\"secret\": 123456}}"), 400, "invalid_request");
        assertError(send("{\"service\": \"" + code + "\", \"pad\": \"" + "x".repeat(5000) + "\"}"), 400,
                "invalid_request");
        assertError(session.cancel(code, "{\"method\": \"service-password\"}"), 400, "invalid_request");

        assertThat(balance()).isEqualTo(1000);
        assertThat(feeEntries()).isZero();
        assertThat(runningCount()).isZero();
    }

    @Test
    void noConfirmationNamesServiceAndFee() {
        Subscribing.topUp(accounts, subscriber.id(), 1000);

        HttpResponse<String> response = session.subscribe(monthly.code(), null);

        assertError(response, 403, "step_up_required");
        JsonNode body = read(response);
        assertThat(body.get("purpose").stringValue()).isEqualTo("subscription");
        assertThat(body.get("operation").get("description").stringValue())
                .isEqualTo("subscribe to " + monthly.name() + " for 2.00 GBP a month");
        assertThat(body.get("operation").get("amount").get("minorUnits").longValue()).isEqualTo(200);
        assertThat(body.get("methods").toString()).contains("sms-code", "service-password");
        assertThat(session.requestCodeSms(response, inbox))
                .contains("subscribe to " + monthly.name() + " for 2.00 GBP a month");
        assertThat(balance()).isEqualTo(1000);
        assertThat(runningCount()).isZero();
    }

    @Test
    void codeForOtherServiceIsInvalid() {
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        ValueAddedService cheap = Subscribing.newService(catalogue, 50, BillingPeriod.DAY, true,
                Cancellation.END_OF_PERIOD);
        String codeForCheap = Subscribing.codeIn(session.requestCodeSms(session.subscribe(cheap.code(), null),
                inbox));
        assertError(session.subscribe(monthly.code(), null), 403, "step_up_required");

        assertError(session.subscribe(monthly.code(), Subscribing.smsCode(codeForCheap)), 400, "proof_invalid");

        assertThat(balance()).isEqualTo(1000);
        assertThat(runningCount()).isZero();
        assertThat(confirmations(SecurityEventType.OPERATION_CONFIRMATION_FAILED)).isEqualTo(1);
    }

    @Test
    void replayedConfirmationIsRefused() {
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        ValueAddedService immediate = Subscribing.newService(catalogue, 200, BillingPeriod.MONTH, true,
                Cancellation.IMMEDIATE_PRO_RATA);
        String code = Subscribing.codeIn(session.requestCodeSms(session.subscribe(immediate.code(), null), inbox));
        HttpResponse<String> first = session.subscribe(immediate.code(), Subscribing.smsCode(code));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(session.cancel(immediate.code(), SERVICE_PASSWORD).statusCode()).isEqualTo(200);
        long afterCancel = balance();

        // The subscription ended at once, so the same request is valid again, but its code was used.
        assertError(session.subscribe(immediate.code(), Subscribing.smsCode(code)), 400, "proof_invalid");

        assertThat(balance()).isEqualTo(afterCancel);
        assertThat(feeEntries()).isEqualTo(1);
        assertThat(runningCount()).isZero();
    }

    @Test
    void wrongServicePasswordIsInvalid() {
        Subscribing.topUp(accounts, subscriber.id(), 1000);

        assertError(session.subscribe(monthly.code(), "{\"method\": \"service-password\", \"secret\": \"guess\"}"),
                400, "proof_invalid");

        assertThat(balance()).isEqualTo(1000);
        assertThat(runningCount()).isZero();
    }

    @Test
    void unsubscribeNeedsItsOwnConfirmation() {
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        String subscribeCode = Subscribing.codeIn(session.requestCodeSms(session.subscribe(monthly.code(), null),
                inbox));
        assertThat(session.subscribe(monthly.code(), Subscribing.smsCode(subscribeCode)).statusCode()).isEqualTo(201);

        HttpResponse<String> asked = session.cancel(monthly.code(), null);
        assertError(asked, 403, "step_up_required");
        assertThat(read(asked).get("operation").get("description").stringValue())
                .isEqualTo("cancel " + monthly.name() + " (2.00 GBP a month)");
        assertError(session.cancel(monthly.code(), Subscribing.smsCode(subscribeCode)), 400, "proof_invalid");
        assertThat(runningStatus()).isEqualTo("ACTIVE");

        // One code a minute per subscriber.
        clock.advance(Duration.ofMinutes(2));
        String cancelSms = session.requestCodeSms(session.cancel(monthly.code(), null), inbox);
        assertThat(cancelSms).contains("cancel " + monthly.name() + " (2.00 GBP a month)");
        HttpResponse<String> cancelled = session.cancel(monthly.code(), Subscribing.smsCode(Subscribing.codeIn(cancelSms)));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(runningStatus()).isEqualTo("CANCELLED");
        assertThat(read(cancelled).get("refund").isNull()).isTrue();
        assertThat(securityLog.events(SecurityEventType.UNSUBSCRIBED, monthly.code())).isNotEmpty();
    }

    @Test
    void cancelWithoutSubscriptionIsNotFound() {
        assertError(session.cancel(monthly.code(), SERVICE_PASSWORD), 404, "not_subscribed");
        assertError(session.cancel("no-such-service", SERVICE_PASSWORD), 404, "unknown_service");
    }

    @Test
    void smsNamesServiceFeeAndTimes() {
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        String address = "subscriber-" + subscriber.id() + "@example.org";
        jdbc.sql("UPDATE subscriber SET contact_email = ? WHERE id = ?").params(address, subscriber.id()).update();
        // 14:05 BST on a Saturday in June; the month ends at 14:05 BST on 15 July.
        clock.set(Instant.parse("2030-06-15T13:05:00Z"));
        Instant before = clock.instant();

        assertThat(session.subscribe(monthly.code(), SERVICE_PASSWORD).statusCode()).isEqualTo(201);

        String sms = inbox.awaitSms(subscriber.msisdnE164(), before);
        assertThat(sms).contains(monthly.name(), monthly.content(), "2.00 GBP a month", "2030-06-15 14:05 BST",
                "2030-07-15 14:05 BST");
        assertThat(inbox.awaitMail(address, before).toString()).contains(monthly.name(), monthly.content(),
                "2.00 GBP", "2030-06-15 14:05 BST", "2030-07-15 14:05 BST");
    }

    private int confirmations(SecurityEventType type) {
        return securityLog.events(type, subscriber.msisdnE164()).size();
    }

    private HttpResponse<String> send(String body) {
        return session.client.send(session.post("/api/v1/subscriptions", body));
    }

    private List<HttpResponse<String>> together(HttpRequest... requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.length);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (HttpRequest request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return session.client.send(request);
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode find(JsonNode services, String code) {
        for (JsonNode service : services) {
            if (service.get("code").stringValue().equals(code)) {
                return service;
            }
        }
        return null;
    }

    private long balance() {
        return accounts.balance(subscriber.id()).orElseThrow().value().minorUnits();
    }

    private long feeEntries() {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE subscriber_id = ? AND kind = 'SUBSCRIPTION_FEE'")
                .param(subscriber.id()).query(Long.class).single();
    }

    private long runningCount() {
        return jdbc.sql("SELECT count(*) FROM subscription WHERE subscriber_id = ? AND ended_at IS NULL")
                .param(subscriber.id()).query(Long.class).single();
    }

    private String runningStatus() {
        return jdbc.sql("SELECT status FROM subscription WHERE subscriber_id = ? AND ended_at IS NULL")
                .param(subscriber.id()).query(String.class).single();
    }
}
