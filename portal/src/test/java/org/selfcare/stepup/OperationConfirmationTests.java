package org.selfcare.stepup;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestClock;
import org.selfcare.support.TestInbox;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations confirmed one at a time, through a test endpoint that asks {@link OperationConfirmation} as a feature
 * does: what each risk level demands, codes bound to one operation and amount, replays, the lockout and the block.
 */
@PortalTest
@Import(OperationConfirmationTests.Config.class)
class OperationConfirmationTests {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private static final Pattern OPERATION_ID = Pattern.compile("\"id\":\"([0-9a-f]{32})\"");

    private static final String NEWS = "/api/v1/test-operations/subscription/subscribe:news-daily?amount=200";

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    TestClock clock;

    @Autowired
    TestInbox inbox;

    @Autowired
    TestRisk risk;

    @Autowired
    CodeRequests codeRequests;

    @Autowired
    JdbcClient jdbc;

    Subscriber subscriber;

    PortalClient client;

    @BeforeEach
    void signedInSubscriber() {
        subscriber = TestSubscribers.create(directory, accounts);
        client = new PortalClient(port, clock);
        client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);
    }

    @Test
    void unconfirmedChangeNamesOperation() {
        HttpResponse<String> response = client.postJson(NEWS, "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"step_up_required\"", "\"purpose\":\"subscription\"",
                "\"description\":\"subscribe:news-daily for 200 GBP\"", "\"minorUnits\":200",
                "\"methods\":[\"sms-code\",\"service-password\"]");
        assertThat(OPERATION_ID.matcher(response.body()).find()).isTrue();
    }

    @Test
    void codeConfirmsOperationOnce() {
        String code = requestCode(NEWS);

        HttpResponse<String> confirmed = client.postJson(NEWS, smsCode(code));
        HttpResponse<String> replayed = client.postJson(NEWS, smsCode(code));

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertProofInvalid(replayed);
        assertThat(countEvents("OPERATION_CONFIRMED")).isEqualTo(1);
        assertThat(countEvents("OPERATION_CONFIRMATION_FAILED")).isEqualTo(1);
    }

    @Test
    void codeForOneServiceFailsAnother() {
        String code = requestCode(NEWS);

        HttpResponse<String> other = client.postJson(
                "/api/v1/test-operations/subscription/subscribe:ringtones?amount=200", smsCode(code));

        assertProofInvalid(other);
    }

    @Test
    void codeForOneAmountFailsAnother() {
        String code = requestCode(NEWS);

        HttpResponse<String> dearer = client.postJson(
                "/api/v1/test-operations/subscription/subscribe:news-daily?amount=2000", smsCode(code));

        assertProofInvalid(dearer);
    }

    @Test
    void codeOfAnotherSessionFails() {
        String code = requestCode(NEWS);
        PortalClient other = new PortalClient(port, clock);
        other.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        assertProofInvalid(other.postJson(NEWS, smsCode(code)));
    }

    @Test
    void servicePasswordConfirmsSubscriptionChange() {
        HttpResponse<String> wrong = client.postJson(NEWS, servicePassword("Not-The-Password-1"));
        HttpResponse<String> right = client.postJson(NEWS, servicePassword(TestSubscribers.SERVICE_PASSWORD));

        assertProofInvalid(wrong);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
    }

    @Test
    void threeWrongConfirmationsLockAccount() {
        client.postJson(NEWS, servicePassword("Wrong-Password-1"));
        client.postJson(NEWS, servicePassword("Wrong-Password-2"));
        HttpResponse<String> third = client.postJson(NEWS, servicePassword("Wrong-Password-3"));

        assertThat(third.statusCode()).as(third.body()).isEqualTo(423);
        assertThat(third.body()).contains("\"code\":\"account_locked\"", "\"lockedUntil\"");
        assertThat(client.postJson(NEWS, servicePassword(TestSubscribers.SERVICE_PASSWORD)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void normalPaymentNeedsNoConfirmation() {
        HttpResponse<String> response = client.postJson(payment("order:7KX3M9", 1250), "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void riskyPaymentNeedsBoundCode() {
        risk.set(subscriber.id(), new RiskState(RiskState.Level.AT_RISK, null));
        String path = payment("order:7KX3M9", 1250);

        HttpResponse<String> unconfirmed = client.postJson(path, "{}");
        HttpResponse<String> byPassword = client.postJson(path, servicePassword(TestSubscribers.SERVICE_PASSWORD));
        String code = requestCode(path);
        HttpResponse<String> otherOrder = client.postJson(payment("order:8AB2C4", 1250), smsCode(code));

        assertThat(unconfirmed.statusCode()).isEqualTo(403);
        assertThat(unconfirmed.body()).contains("\"purpose\":\"payment\"", "\"methods\":[\"sms-code\"]");
        assertThat(byPassword.statusCode()).as("the service password is not offered at risk").isEqualTo(403);
        assertProofInvalid(otherOrder);
    }

    @Test
    void riskyPaymentAcceptsItsCode() {
        risk.set(subscriber.id(), new RiskState(RiskState.Level.AT_RISK, null));
        String path = payment("order:7KX3M9", 1250);
        String code = requestCode(path);

        HttpResponse<String> paid = client.postJson(path, smsCode(code));

        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    }

    @Test
    void riskyChangeTakesOnlyCode() {
        risk.set(subscriber.id(), new RiskState(RiskState.Level.AT_RISK, null));

        HttpResponse<String> byPassword = client.postJson(NEWS, servicePassword(TestSubscribers.SERVICE_PASSWORD));

        assertThat(byPassword.statusCode()).isEqualTo(403);
        assertThat(byPassword.body()).contains("\"methods\":[\"sms-code\"]");
    }

    @Test
    void blockRejectsUntilItEnds() {
        Instant until = clock.instant().plus(Duration.ofMinutes(30));
        risk.set(subscriber.id(), new RiskState(RiskState.Level.BLOCKED, until));

        HttpResponse<String> payment = client.postJson(payment("order:7KX3M9", 1250), "{}");
        HttpResponse<String> change = client.postJson(NEWS, servicePassword(TestSubscribers.SERVICE_PASSWORD));
        clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> later = client.postJson(payment("order:7KX3M9", 1250), "{}");

        assertThat(payment.statusCode()).isEqualTo(403);
        assertThat(payment.body()).contains("\"code\":\"operation_blocked\"", "\"blockedUntil\":\"" + until + "\"");
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(change.body()).contains("\"code\":\"operation_blocked\"");
        assertThat(later.statusCode()).isEqualTo(403);
        assertThat(later.body()).as("a block that ended leaves the subscriber at risk")
                .contains("\"code\":\"step_up_required\"");
        assertThat(countEvents("OPERATION_BLOCKED")).isEqualTo(2);
    }

    @Test
    void unknownOperationCodeRejected() {
        HttpResponse<String> response = client.postJson("/api/v1/stepup/code",
                "{\"purpose\": \"subscription\", \"operation\": \"00112233445566778899aabbccddeeff\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"invalid_request\"");
    }

    @Test
    void codeForWrongPurposeRejected() {
        String id = operationId(client.postJson(NEWS, "{}"));

        HttpResponse<String> response = client.postJson("/api/v1/stepup/code",
                "{\"purpose\": \"payment\", \"operation\": \"" + id + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void codeRequestsArePublished() {
        requestCode(NEWS);

        assertThat(codeRequests.received).anySatisfy((event) -> {
            assertThat(event.subscriberId()).isEqualTo(subscriber.id());
            assertThat(event.purpose()).isEqualTo(Purpose.SUBSCRIPTION);
            assertThat(event.sent()).isTrue();
        });
    }

    /** Asks for the operation, requests its code and returns the code from the SMS, which must name the operation. */
    private String requestCode(String path) {
        String id = operationId(client.postJson(path, "{}"));
        String purpose = path.split("/")[4];
        Instant before = clock.instant();

        HttpResponse<String> sent = client.postJson("/api/v1/stepup/code",
                "{\"purpose\": \"" + purpose + "\", \"operation\": \"" + id + "\"}");

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String sms = inbox.awaitSms(subscriber.msisdnE164(), before);
        String reference = path.split("/")[5].split("\\?")[0];
        assertThat(sms).contains(reference + " for ");
        Matcher matcher = CODE.matcher(sms);
        assertThat(matcher.find()).as("six-digit code in: " + sms).isTrue();
        return matcher.group(1);
    }

    private static String operationId(HttpResponse<String> required) {
        assertThat(required.statusCode()).as(required.body()).isEqualTo(403);
        Matcher matcher = OPERATION_ID.matcher(required.body());
        assertThat(matcher.find()).as(required.body()).isTrue();
        return matcher.group(1);
    }

    private static String payment(String reference, long amount) {
        return "/api/v1/test-operations/payment/" + reference + "?amount=" + amount;
    }

    private static String smsCode(String code) {
        return "{\"method\": \"sms-code\", \"secret\": \"" + code + "\"}";
    }

    private static String servicePassword(String password) {
        return "{\"method\": \"service-password\", \"secret\": \"" + password + "\"}";
    }

    private static void assertProofInvalid(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"proof_invalid\"");
    }

    private int countEvents(String type) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = ? AND subscriber_id = ?")
                .params(type, subscriber.id())
                .query(Integer.class)
                .single();
    }

    /** A risk signal the test sets per subscriber; everyone else is normal. */
    static class TestRisk implements RiskSignals {

        private final Map<Long, RiskState> states = new ConcurrentHashMap<>();

        void set(long subscriberId, RiskState state) {
            states.put(subscriberId, state);
        }

        @Override
        public RiskState stateOf(long subscriberId) {
            return states.getOrDefault(subscriberId, RiskState.NORMAL);
        }
    }

    /** Collects the code requests stepup publishes. */
    static class CodeRequests {

        final List<StepUpCodeRequested> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(StepUpCodeRequested event) {
            received.add(event);
        }
    }

    /**
     * Stands for a feature's API: the path names the purpose and the reference, the query the amount, and the body
     * carries the confirmation, if any.
     */
    @RestController
    static class TestOperations {

        private final OperationConfirmation confirmations;

        TestOperations(OperationConfirmation confirmations) {
            this.confirmations = confirmations;
        }

        @PostMapping("/api/v1/test-operations/{purpose}/{reference}")
        Map<String, String> perform(@AuthenticationPrincipal SubscriberPrincipal principal,
                HttpServletRequest request, @PathVariable String purpose, @PathVariable String reference,
                @RequestParam long amount, @RequestBody Map<String, String> body) {
            Purpose operationPurpose = Purpose.confirmedPerOperation(purpose).orElseThrow();
            BoundOperation operation = new BoundOperation(operationPurpose, reference, Money.of(amount, "GBP"),
                    reference + " for " + amount + " GBP");
            Confirmation confirmation = body.containsKey("method")
                    ? new Confirmation(ProofMethod.fromPathName(body.get("method")).orElseThrow(), body.get("secret"))
                    : null;

            confirmations.authorize(principal, request, operation, confirmation);
            return Map.of("done", reference);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }

        @Bean
        @Primary
        TestRisk testRisk() {
            return new TestRisk();
        }

        @Bean
        CodeRequests codeRequests() {
            return new CodeRequests();
        }

        @Bean
        TestOperations testOperations(OperationConfirmation confirmations) {
            return new TestOperations(confirmations);
        }
    }
}
