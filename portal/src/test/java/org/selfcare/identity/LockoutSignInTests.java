package org.selfcare.identity;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.platform.PhoneNumbers;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.RecordingSecurityLog;
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
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in lockout through the real form: 3 failures lock an identifier for 5 minutes (the defaults). The
 * per-address limit is raised here, as a deployment may do, so that the many failures from 127.0.0.1 in this
 * class are not throttled. Throttling has its own test class.
 */
@PortalTest
@TestPropertySource(properties = "selfcare.lockout.max-identifiers-per-address=10000")
@Import(LockoutSignInTests.Config.class)
class LockoutSignInTests {

    private static final String WRONG_PASSWORD = "not-the-password";

    private static final Duration LOCK = Duration.ofMinutes(5);

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    TestClock clock;

    @Autowired
    RecordingSecurityLog securityLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestInbox inbox;

    @Test
    void twoFailuresDoNotLock() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        failTimes(subscriber.msisdn(), 2);

        HttpResponse<String> response = signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        assertSignedIn(response);
    }

    @Test
    void thirdFailureLocks() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        failTimes(subscriber.msisdn(), 2);

        HttpResponse<String> third = signIn(subscriber.msisdn(), WRONG_PASSWORD);

        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(third.body()).contains("blocked until " + expectedLockEnd());
    }

    @Test
    void lockedNumberRejectsRightPassword() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        failTimes(subscriber.msisdn(), 3);

        HttpResponse<String> response = signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        assertLocked(response);
    }

    @Test
    void lockHoldsUntilItsEnd() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        failTimes(subscriber.msisdn(), 3);
        clock.advance(LOCK.minusSeconds(1));

        HttpResponse<String> response = signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        assertLocked(response);
    }

    @Test
    void lockExpires() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        failTimes(subscriber.msisdn(), 3);
        clock.advance(LOCK);

        HttpResponse<String> response = signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        assertSignedIn(response);
    }

    @Test
    void successResetsCount() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        failTimes(subscriber.msisdn(), 2);
        assertSignedIn(signIn(subscriber.msisdn(), TestSubscribers.PASSWORD));
        failTimes(subscriber.msisdn(), 2);

        HttpResponse<String> response = signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        assertSignedIn(response);
    }

    @Test
    void failuresFarApartDoNotLock() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        failTimes(subscriber.msisdn(), 2);
        clock.advance(LOCK);
        failTimes(subscriber.msisdn(), 1);

        HttpResponse<String> response = signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        assertSignedIn(response);
    }

    @Test
    void otherFormatOfNumberCountsAlike() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        failTimes(subscriber.msisdn(), 1);
        failTimes(subscriber.msisdnE164(), 1);
        failTimes(subscriber.msisdn().replace(" ", ""), 1);

        HttpResponse<String> response = signIn(subscriber.msisdnE164(), TestSubscribers.PASSWORD);

        assertLocked(response);
    }

    @Test
    void unknownNumberLocksLikeKnownOne() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        String unknown = TestSubscribers.unknownNumber();
        failTimes(subscriber.msisdn(), 3);
        failTimes(unknown, 3);

        HttpResponse<String> known = signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);
        HttpResponse<String> unknownResponse = signIn(unknown, TestSubscribers.PASSWORD);

        assertThat(unknownResponse.statusCode()).isEqualTo(known.statusCode());
        assertThat(withoutCsrfToken(unknownResponse.body())).isEqualTo(withoutCsrfToken(known.body()));
    }

    @Test
    void textThatIsNotNumberLocksToo() {
        String text = "Not a number " + System.nanoTime();
        failTimes(text, 3);

        HttpResponse<String> response = signIn("  " + text.toUpperCase() + " ", WRONG_PASSWORD);

        assertLocked(response);
    }

    @Test
    void otherFailuresShowOneGenericMessage() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);

        HttpResponse<String> wrongPassword = signIn(subscriber.msisdn(), WRONG_PASSWORD);
        HttpResponse<String> unknown = signIn(TestSubscribers.unknownNumber(), WRONG_PASSWORD);
        HttpResponse<String> markup = signIn("<b>%s{0}${x}" + System.nanoTime(), WRONG_PASSWORD);

        for (HttpResponse<String> response : List.of(wrongPassword, unknown, markup)) {
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    (location) -> assertThat(location).endsWith("/signin?failed"));
        }
    }

    @Test
    void refusalPageIsNotReachableDirectly() {
        HttpResponse<String> response = new PortalClient(port).getPage("/signin/refused");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("blocked until");
        assertThat(response.body()).doesNotContainIgnoringCase("spring");
        assertThat(response.body()).doesNotContainIgnoringCase("exception");
    }

    @Test
    void lockIsRecordedInSecurityLog() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        failTimes(subscriber.msisdn(), 3);

        List<SecurityEvent> locked = securityLog.events(SecurityEventType.IDENTIFIER_LOCKED, subscriber.msisdnE164());
        List<SecurityEvent> failed = securityLog.events(SecurityEventType.SIGN_IN_FAILED, subscriber.msisdnE164());

        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).subscriberId()).isEqualTo(subscriber.id());
        assertThat(locked.get(0).clientAddress()).isNotBlank();
        assertThat(failed).hasSize(3);
    }

    @Test
    void lockIsToldBySms() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        Instant before = Instant.now();
        failTimes(subscriber.msisdn(), 3);

        String sms = inbox.awaitSms(subscriber.msisdnE164(), before);

        assertThat(sms).contains("locked");
        Instant shownEnd = SignInRefusalController.roundUp(clock.instant().plus(LOCK));
        assertThat(sms).contains(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(subscriber.timeZone())
                .format(shownEnd));
        assertThat(inbox.countSms(subscriber.msisdnE164(), before)).isEqualTo(1);
    }

    @Test
    void unknownNumberLockSendsNoSms() {
        String unknown = TestSubscribers.unknownNumber();
        Instant before = Instant.now();
        failTimes(unknown, 3);

        String e164 = PhoneNumbers.toE164(unknown, "GB").orElseThrow();

        assertThat(inbox.countSms(e164, before)).isZero();
    }

    @Test
    void successIsRecordedInSecurityLog() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        List<SecurityEvent> succeeded = securityLog.events(SecurityEventType.SIGN_IN_SUCCEEDED,
                subscriber.msisdnE164());

        assertThat(succeeded).hasSize(1);
        assertThat(succeeded.get(0).subscriberId()).isEqualTo(subscriber.id());
    }

    @Test
    void concurrentWrongPasswordsLock() throws Exception {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        int attempts = 50;
        List<PortalClient> clients = new ArrayList<>();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            PortalClient client = new PortalClient(port);
            clients.add(client);
            requests.add(signInRequest(subscriber.msisdn(), WRONG_PASSWORD, client.csrfToken()));
        }

        List<HttpResponse<String>> responses = sendAtOnce(clients, requests);
        HttpResponse<String> rightPassword = signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        long generic = responses.stream().filter(LockoutSignInTests::isGenericFailure).count();
        long locked = responses.stream().filter(LockoutSignInTests::isLockedPage).count();
        assertThat(generic).isEqualTo(2);
        assertThat(locked).isEqualTo(attempts - 2);
        assertThat(storedAttempts(subscriber.msisdnE164())).isEqualTo(attempts + 1);
        assertLocked(rightPassword);
    }

    private List<HttpResponse<String>> sendAtOnce(List<PortalClient> clients, List<HttpRequest> requests)
            throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(clients.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                PortalClient client = clients.get(i);
                HttpRequest request = requests.get(i);
                futures.add(executor.submit(() -> {
                    start.await();
                    return client.send(request);
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(120, TimeUnit.SECONDS));
            }
            return responses;
        }
        finally {
            executor.shutdownNow();
        }
    }

    private HttpRequest signInRequest(String msisdn, String password, String csrfToken) {
        String body = "msisdn=" + encode(msisdn) + "&password=" + encode(password) + "&_csrf=" + encode(csrfToken)
                + "&captcha=" + encode(PortalClient.CAPTCHA_TEST_KEY);
        return HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private int storedAttempts(String identifier) {
        return jdbc.sql("SELECT attempts FROM sign_in_lockout WHERE identifier = ?")
                .param(identifier)
                .query(Integer.class)
                .single();
    }

    private void failTimes(String msisdn, int times) {
        for (int i = 0; i < times; i++) {
            signIn(msisdn, WRONG_PASSWORD);
        }
    }

    private HttpResponse<String> signIn(String msisdn, String password) {
        return new PortalClient(port).signIn(msisdn, password);
    }

    private String expectedLockEnd() {
        return SignInRefusalController.formatLockEnd(clock.instant().plus(LOCK));
    }

    private static void assertSignedIn(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(URI.create(location).getPath()).isEqualTo("/"));
    }

    private static void assertLocked(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Signing in with it is blocked until");
    }

    private static boolean isGenericFailure(HttpResponse<String> response) {
        return response.statusCode() == 302
                && response.headers().firstValue("Location").orElse("").endsWith("/signin?failed");
    }

    private static boolean isLockedPage(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().contains("Signing in with it is blocked until");
    }

    private static String withoutCsrfToken(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "name=\"_csrf\"")
                .replaceAll("name=\"_csrf\" content=\"[^\"]+\"", "name=\"_csrf\"");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
        RecordingSecurityLog recordingSecurityLog() {
            return new RecordingSecurityLog();
        }
    }
}
