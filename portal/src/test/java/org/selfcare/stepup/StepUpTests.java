package org.selfcare.stepup;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Second authentication through the real API and pages: SMS codes read from the outbox, the service password, the
 * lockout shared with sign-in, send limits and the CAPTCHA for repeated sends, and call records behind a proof. The
 * clock is moved by hand for expiry.
 */
@PortalTest
@Import(StepUpTests.Config.class)
class StepUpTests {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private static final String CALL_RECORDS = "{\"purpose\": \"call-records\"}";

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
    JdbcClient jdbc;

    Subscriber subscriber;

    PortalClient client;

    @BeforeEach
    void signedInSubscriber() {
        subscriber = TestSubscribers.create(directory, accounts);
        client = signedIn(subscriber);
    }

    @Test
    void callsApiRequiresProof() {
        HttpResponse<String> response = client.get("/api/v1/calls");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"step_up_required\"")
                .contains("\"purpose\":\"call-records\"")
                .contains("\"errorId\"")
                .contains("Call records need a second authentication");
    }

    @Test
    void callsPageRedirectsToStepUp() {
        HttpResponse<String> response = client.getPage("/calls");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/stepup?purpose=call-records"));
    }

    @Test
    void balanceAndPaymentsNeedNoProof() {
        assertThat(client.get("/api/v1/balance").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/v1/payments").statusCode()).isEqualTo(200);
    }

    @Test
    void smsCodeGrantsCallRecords() {
        String code = sendCode(client);

        HttpResponse<String> verified = verifyCode(client, code);

        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("\"purpose\":\"call-records\"").contains("\"validUntil\"");
        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(200);
        assertThat(client.getPage("/calls").statusCode()).isEqualTo(200);
    }

    @Test
    void codeSendAnswers202WithExpiry() {
        Instant before = clock.instant();

        HttpResponse<String> response = client.postJson("/api/v1/stepup/code", CALL_RECORDS);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"purpose\":\"call-records\"")
                .contains("\"expiresAt\":\"" + before.plus(Duration.ofMinutes(5)).toString().substring(0, 16));
        String sms = inbox.awaitSms(subscriber.msisdnE164(), before);
        assertThat(sms).containsPattern(CODE).contains("call records");
        assertThat(jdbc.sql("SELECT confidential FROM notification WHERE recipient = ? ORDER BY id DESC LIMIT 1")
                .param(subscriber.msisdnE164())
                .query(Boolean.class)
                .single()).as("code SMS is erased after delivery").isTrue();
    }

    @Test
    void codeStoredOnlyAsHash() {
        String code = sendCode(client);

        byte[] stored = jdbc.sql("SELECT code_hash FROM step_up_code WHERE subscriber_id = ?")
                .param(subscriber.id())
                .query(byte[].class)
                .single();

        assertThat(stored).hasSize(32);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(code);
    }

    @Test
    void codeExpiresAfterFiveMinutes() {
        String code = sendCode(client);
        clock.advance(Duration.ofMinutes(5));

        HttpResponse<String> response = verifyCode(client, code);

        assertProofInvalid(response);
        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(403);
    }

    @Test
    void codeWorksJustBeforeExpiry() {
        String code = sendCode(client);
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));

        assertThat(verifyCode(client, code).statusCode()).isEqualTo(200);
    }

    @Test
    void usedCodeIsRejected() {
        String code = sendCode(client);
        assertThat(verifyCode(client, code).statusCode()).isEqualTo(200);

        HttpResponse<String> again = verifyCode(client, code);

        assertProofInvalid(again);
    }

    @Test
    void concurrentEntriesUseCodeOnce() throws Exception {
        String code = sendCode(client);
        // Two entries: every attempt counts towards the lock before it is checked, so a third at the same moment
        // could reach the lock's three attempts before the winner clears the count.
        int entries = 2;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(entries);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            statuses.add(pool.submit(() -> {
                start.await();
                return verifyCode(client, code).statusCode();
            }));
        }

        start.countDown();
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            results.add(status.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(results).filteredOn((status) -> status == 200).hasSize(1);
        assertThat(results).filteredOn((status) -> status == 400).hasSize(entries - 1);
    }

    @Test
    void wrongExpiredAndUsedCodesShareOneMessage() {
        String code = sendCode(client);
        String wrongMessage = errorText(verifyCode(client, otherThan(code)));
        assertThat(verifyCode(client, code).statusCode()).isEqualTo(200);
        String usedMessage = errorText(verifyCode(client, code));

        assertThat(usedMessage).isEqualTo(wrongMessage);
    }

    @Test
    void newCodeReplacesPrevious() {
        String first = sendCode(client);
        clock.advance(Duration.ofMinutes(1));
        String second = sendCodeWithCaptcha(client);

        assertProofInvalid(verifyCode(client, first));
        assertThat(verifyCode(client, second).statusCode()).isEqualTo(200);
    }

    @Test
    void thirdWrongCodeLocksAccount() {
        String code = sendCode(client);
        Instant beforeLock = clock.instant();

        assertProofInvalid(verifyCode(client, otherThan(code)));
        assertProofInvalid(verifyCode(client, otherThan(code)));
        HttpResponse<String> third = verifyCode(client, otherThan(code));
        HttpResponse<String> fourth = verifyCode(client, code);

        assertThat(third.statusCode()).isEqualTo(423);
        assertThat(third.body()).contains("\"code\":\"account_locked\"").contains("\"lockedUntil\"")
                .contains("locked until");
        assertThat(fourth.statusCode()).as("the session ended with the lock").isEqualTo(401);
        assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(inbox.awaitSms(subscriber.msisdnE164(), beforeLock)).contains("locked");
        HttpResponse<String> signIn = new PortalClient(port).signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);
        assertThat(signIn.statusCode()).as("sign-in with the right password").isEqualTo(200);
        assertThat(signIn.body()).contains("blocked until");
    }

    @Test
    void codeDiesAfterThreeWrongEntries() {
        String code = sendCode(client);
        assertProofInvalid(verifyCode(client, otherThan(code)));
        assertProofInvalid(verifyCode(client, otherThan(code)));
        // A correct service password clears the lockout count, so the code's third wrong entry does not lock.
        assertThat(client.stepUp("call-records", TestSubscribers.SERVICE_PASSWORD).statusCode()).isEqualTo(200);
        assertProofInvalid(verifyCode(client, otherThan(code)));

        HttpResponse<String> right = verifyCode(client, code);

        assertProofInvalid(right);
    }

    @Test
    void lockedAccountIsRejectedWithoutCheck() {
        PortalClient attacker = new PortalClient(port, clock);
        for (int i = 0; i < 3; i++) {
            attacker.signIn(subscriber.msisdn(), "not-the-password");
        }

        HttpResponse<String> response = client.stepUp("call-records", TestSubscribers.SERVICE_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(423);
        assertThat(response.body()).contains("\"code\":\"account_locked\"");
        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(401);
    }

    @Test
    void codeFromAnotherSessionIsRejected() {
        String code = sendCode(client);
        PortalClient otherSession = signedIn(subscriber);

        HttpResponse<String> response = verifyCode(otherSession, code);

        assertProofInvalid(response);
        assertThat(otherSession.get("/api/v1/calls").statusCode()).isEqualTo(403);
    }

    @Test
    void secondSendNeedsCaptcha() {
        sendCode(client);
        clock.advance(Duration.ofMinutes(1));

        HttpResponse<String> withoutCaptcha = client.postJson("/api/v1/stepup/code", CALL_RECORDS);
        HttpResponse<String> wrongCaptcha = client.postJson("/api/v1/stepup/code",
                "{\"purpose\": \"call-records\", \"captcha\": \"WRONG\"}");
        HttpResponse<String> testKey = client.postJson("/api/v1/stepup/code",
                "{\"purpose\": \"call-records\", \"captcha\": \"" + PortalClient.CAPTCHA_TEST_KEY + "\"}");

        assertThat(withoutCaptcha.statusCode()).isEqualTo(400);
        assertThat(withoutCaptcha.body()).contains("\"code\":\"captcha_required\"").contains("\"captchaId\"");
        assertThat(wrongCaptcha.statusCode()).isEqualTo(400);
        assertThat(wrongCaptcha.body()).contains("\"code\":\"captcha_invalid\"");
        assertThat(testKey.statusCode()).isEqualTo(202);
    }

    @Test
    void captchaForOlderPictureIsRejected() {
        sendCode(client);
        clock.advance(Duration.ofMinutes(1));
        String firstId = captchaId(client.postJson("/api/v1/stepup/code", CALL_RECORDS));
        // Fetching the picture twice issues a newer code, as the page's refresh button does.
        client.getBytes("/stepup/captcha");
        client.getBytes("/stepup/captcha");

        HttpResponse<String> response = client.postJson("/api/v1/stepup/code", "{\"purpose\": \"call-records\", "
                + "\"captchaId\": \"" + firstId + "\", \"captcha\": \"" + PortalClient.CAPTCHA_TEST_KEY + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"captcha_invalid\"");
    }

    @Test
    void perNumberLimitAnswers429() {
        sendCode(client);

        HttpResponse<String> second = sendWithCaptcha(client);

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.body()).contains("\"code\":\"code_rate_limited\"")
                .contains("Too many codes were requested. Try again in 1 minutes");
        assertThat(second.headers().firstValue("Retry-After")).hasValueSatisfying(
                (seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
    }

    @Test
    void perNumberLimitHoldsAcrossSessions() {
        sendCode(client);
        PortalClient otherSession = signedIn(subscriber);

        HttpResponse<String> response = otherSession.postJson("/api/v1/stepup/code", CALL_RECORDS);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void perNumberLimitAllowsFivePerHour() {
        sendCode(client);
        for (int i = 2; i <= 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            PortalClient session = signedIn(subscriber);
            assertThat(session.postJson("/api/v1/stepup/code", CALL_RECORDS).statusCode()).as("send %d", i)
                    .isEqualTo(202);
        }
        clock.advance(Duration.ofMinutes(1));

        HttpResponse<String> sixth = signedIn(subscriber).postJson("/api/v1/stepup/code", CALL_RECORDS);

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(60);
    }

    @Test
    void operationPurposesGrantNoSessionProof() {
        for (String purpose : List.of("payment", "subscription", "first-sign-in")) {
            HttpResponse<String> response = client.stepUp(purpose, TestSubscribers.SERVICE_PASSWORD);

            assertThat(response.statusCode()).as(purpose).isEqualTo(400);
            assertThat(response.body()).as(purpose).contains("\"code\":\"invalid_request\"");
        }
        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(403);
    }

    @Test
    void proofExpiresAfterTenMinutes() {
        assertThat(client.stepUp("call-records", TestSubscribers.SERVICE_PASSWORD).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));

        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(403);
    }

    @Test
    void newSignInStartsWithoutProofs() {
        assertThat(client.stepUp("call-records", TestSubscribers.SERVICE_PASSWORD).statusCode()).isEqualTo(200);

        HttpResponse<String> again = client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(403);
    }

    @Test
    void servicePasswordIsAccepted() {
        HttpResponse<String> response = client.stepUp("call-records", TestSubscribers.SERVICE_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"validUntil\"");
        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongServicePasswordCountsTowardLockout() {
        assertProofInvalid(client.stepUp("call-records", "not-the-service-password"));
        assertProofInvalid(client.stepUp("call-records", "still-not-the-service-password"));

        HttpResponse<String> wrongSignIn = new PortalClient(port).signIn(subscriber.msisdn(), "not-the-password");

        assertThat(wrongSignIn.statusCode()).isEqualTo(200);
        assertThat(wrongSignIn.body()).as("third failure in total locks").contains("blocked until");
    }

    @Test
    void signInPasswordIsNoServicePassword() {
        HttpResponse<String> response = client.stepUp("call-records", TestSubscribers.PASSWORD);

        assertProofInvalid(response);
        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(403);
    }

    @Test
    void correctProofClearsFailureCount() {
        assertProofInvalid(client.stepUp("call-records", "not-the-service-password"));
        assertProofInvalid(client.stepUp("call-records", "not-the-service-password"));
        assertThat(client.stepUp("call-records", TestSubscribers.SERVICE_PASSWORD).statusCode()).isEqualTo(200);

        HttpResponse<String> wrong = client.stepUp("call-records", "not-the-service-password");

        assertProofInvalid(wrong);
    }

    @Test
    void badInputGetsPlain400() {
        Map<String, String> bodies = Map.of(
                "malformed JSON", "{\"purpose\": ",
                "not an object", "[\"call-records\"]",
                "missing purpose", "{\"method\": \"service-password\", \"secret\": \"x\"}",
                "missing secret", "{\"purpose\": \"call-records\", \"method\": \"service-password\"}",
                "unknown purpose", "{\"purpose\": \"everything\", \"method\": \"service-password\", \"secret\": \"x\"}",
                "unknown method", "{\"purpose\": \"call-records\", \"method\": \"fingerprint\", \"secret\": \"x\"}",
                "number for text", "{\"purpose\": \"call-records\", \"method\": \"sms-code\", \"secret\": 123456}",
                "oversized body", "{\"purpose\": \"call-records\", \"secret\": \"" + "x".repeat(10_000) + "\"}");

        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response = client.postJson("/api/v1/stepup/verify", body.getValue());
            assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(response.body()).as(body.getKey()).contains("\"code\":\"invalid_request\"")
                    .contains("\"errorId\"")
                    .doesNotContainIgnoringCase("exception")
                    .doesNotContainIgnoringCase("jackson")
                    .doesNotContainIgnoringCase("spring")
                    .doesNotContain("at org.");
        }
        assertThat(client.postJson("/api/v1/stepup/code", "{\"purpose\": 7}").statusCode()).isEqualTo(400);
        assertThat(client.postJson("/api/v1/stepup/code", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void badInputIsNotCounted() {
        for (int i = 0; i < 3; i++) {
            client.postJson("/api/v1/stepup/verify", "{\"purpose\": \"call-records\", \"method\": \"sms-code\"}");
        }

        assertThat(client.stepUp("call-records", TestSubscribers.SERVICE_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void stepUpApiNeedsCsrfToken() {
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("https://localhost:" + port + "/api/v1/stepup/verify"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"purpose\": \"call-records\", "
                        + "\"method\": \"service-password\", \"secret\": \"" + TestSubscribers.SERVICE_PASSWORD + "\"}"))
                .build();

        assertThat(client.send(request).statusCode()).isEqualTo(403);
        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(403);
    }

    @Test
    void pageWithServicePasswordReturnsToCalls() {
        HttpResponse<String> page = client.getPage("/stepup?purpose=call-records");
        HttpResponse<String> verified = client.postForm("/stepup/verify",
                Map.of("purpose", "call-records", "method", "service-password", "secret",
                        TestSubscribers.SERVICE_PASSWORD));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Send a code by SMS").contains("Service password")
                .contains("<label for=\"sms-code\"").contains("<label for=\"service-password\"")
                .doesNotContain("<script>");
        assertThat(verified.statusCode()).isEqualTo(302);
        assertThat(verified.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/calls"));
        assertThat(client.getPage("/calls").statusCode()).isEqualTo(200);
    }

    @Test
    void pageWithSmsCodeReturnsToCalls() {
        Instant before = clock.instant();
        HttpResponse<String> sent = client.postForm("/stepup/code", Map.of("purpose", "call-records"));
        String code = code(inbox.awaitSms(subscriber.msisdnE164(), before));
        HttpResponse<String> page = client.getPage("/stepup?purpose=call-records&sent");

        HttpResponse<String> verified = client.postForm("/stepup/verify",
                Map.of("purpose", "call-records", "method", "sms-code", "secret", code));

        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(page.body()).contains("We sent a 6-digit code").contains("src=\"/stepup/captcha\"");
        assertThat(verified.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/calls"));
    }

    @Test
    void pageSecondSendNeedsCaptcha() {
        client.postForm("/stepup/code", Map.of("purpose", "call-records"));
        clock.advance(Duration.ofMinutes(1));
        client.getPage("/stepup?purpose=call-records&sent");

        HttpResponse<String> withoutCaptcha = client.postForm("/stepup/code", Map.of("purpose", "call-records"));
        HttpResponse<String> withTestKey = client.postForm("/stepup/code",
                Map.of("purpose", "call-records", "captcha", PortalClient.CAPTCHA_TEST_KEY));

        assertThat(withoutCaptcha.statusCode()).isEqualTo(400);
        assertThat(withoutCaptcha.body()).contains("To send another code, type the characters shown in the picture.")
                .contains("id=\"captcha-image\"");
        assertThat(withTestKey.statusCode()).isEqualTo(302);
    }

    @Test
    void codeSendsAndRefusalsAreLogged() {
        sendCode(client);
        client.postJson("/api/v1/stepup/code", CALL_RECORDS);

        assertThat(countEvents("STEP_UP_CODE_SENT")).isEqualTo(1);
        assertThat(countEvents("STEP_UP_CODE_REFUSED")).isEqualTo(1);
    }

    @Test
    void pageShowsPlainErrorForWrongSecret() {
        HttpResponse<String> response = client.postForm("/stepup/verify",
                Map.of("purpose", "call-records", "method", "service-password", "secret", "wrong"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("The code or service password is not correct");
    }

    @Test
    void pageWithUnknownPurposeIs400() {
        assertThat(client.getPage("/stepup?purpose=everything").statusCode()).isEqualTo(400);
        assertThat(client.getPage("/stepup").statusCode()).isEqualTo(400);
    }

    @Test
    void pageLockShowsLockEndAndEndsSession() {
        client.postForm("/stepup/verify", Map.of("purpose", "call-records", "method", "service-password", "secret", "a"));
        client.postForm("/stepup/verify", Map.of("purpose", "call-records", "method", "service-password", "secret", "b"));

        HttpResponse<String> third = client.postForm("/stepup/verify",
                Map.of("purpose", "call-records", "method", "service-password", "secret", "c"));

        assertThat(third.statusCode()).isEqualTo(423);
        assertThat(third.body()).contains("your account is locked until");
        assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(401);
    }

    private PortalClient signedIn(Subscriber account) {
        PortalClient signedIn = new PortalClient(port, clock);
        HttpResponse<String> response = signedIn.signIn(account.msisdn(), TestSubscribers.PASSWORD);
        assertThat(response.headers().firstValue("Location")).as("sign-in redirect")
                .hasValueSatisfying((location) -> assertThat(location).endsWith("/"));
        return signedIn;
    }

    /** Requests a code as the session's first send and returns it from the SMS. */
    private String sendCode(PortalClient sender) {
        Instant before = clock.instant();
        HttpResponse<String> response = sender.postJson("/api/v1/stepup/code", CALL_RECORDS);
        assertThat(response.statusCode()).as("code request: " + response.body()).isEqualTo(202);
        return code(inbox.awaitSms(subscriber.msisdnE164(), before));
    }

    /** Requests a code as a later send of the session, answering the CAPTCHA with the test key. */
    private String sendCodeWithCaptcha(PortalClient sender) {
        Instant before = clock.instant();
        HttpResponse<String> response = sendWithCaptcha(sender);
        assertThat(response.statusCode()).as("code request: " + response.body()).isEqualTo(202);
        return code(inbox.awaitSms(subscriber.msisdnE164(), before));
    }

    private HttpResponse<String> sendWithCaptcha(PortalClient sender) {
        String captchaId = captchaId(sender.postJson("/api/v1/stepup/code", CALL_RECORDS));
        return sender.postJson("/api/v1/stepup/code", "{\"purpose\": \"call-records\", \"captchaId\": \"" + captchaId
                + "\", \"captcha\": \"" + PortalClient.CAPTCHA_TEST_KEY + "\"}");
    }

    private static String captchaId(HttpResponse<String> captchaRequired) {
        assertThat(captchaRequired.body()).contains("\"code\":\"captcha_required\"");
        return captchaRequired.body().replaceAll(".*\"captchaId\":\"([0-9a-f]+)\".*", "$1");
    }

    private int countEvents(String type) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = ? AND subscriber_id = ?")
                .params(type, subscriber.id())
                .query(Integer.class)
                .single();
    }

    private static HttpResponse<String> verifyCode(PortalClient verifier, String code) {
        return verifier.postJson("/api/v1/stepup/verify",
                "{\"purpose\": \"call-records\", \"method\": \"sms-code\", \"secret\": \"" + code + "\"}");
    }

    private static String code(String sms) {
        Matcher matcher = CODE.matcher(sms);
        assertThat(matcher.find()).as("six-digit code in: " + sms).isTrue();
        return matcher.group(1);
    }

    private static String otherThan(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static String errorText(HttpResponse<String> response) {
        return response.body().replaceAll(".*\"error\":\"([^\"]+)\".*", "$1");
    }

    private static void assertProofInvalid(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"proof_invalid\"");
        for (String leak : List.of("exception", "expired", "used")) {
            assertThat(response.body()).as("the message does not say which case").doesNotContain(leak + "\"");
        }
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
