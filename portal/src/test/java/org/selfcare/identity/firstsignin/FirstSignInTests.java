package org.selfcare.identity.firstsignin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.identity.SubscriberStatus;
import org.selfcare.operator.ProvisionedSubscriber;
import org.selfcare.operator.ProvisioningRequest;
import org.selfcare.operator.SubscriberProvisioning;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.RequestSigner;
import org.selfcare.support.TestInbox;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first sign-in of a provisioned subscriber through real HTTPS: nothing but the first-sign-in pages and API
 * before the new password, the identity check with its lockout, the password step and the switch to a full
 * session. The per-address sign-in limit is raised, because several tests here fail sign-ins from 127.0.0.1 on
 * purpose.
 */
@PortalTest
@TestPropertySource(properties = "selfcare.lockout.max-identifiers-per-address=10000")
class FirstSignInTests {

    static final String DIGITS = "7Q4X";

    static final String EMAIL = "grace@example.org";

    static final String NEW_PASSWORD = "Lantern-Meadow-81#";

    private static final Pattern INITIAL_PASSWORD = Pattern.compile("initial password is (\\S+) and");

    private static final Pattern SMS_CODE = Pattern.compile("\\b(\\d{6}) is your code");

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private static final List<String> BLOCKED_PAGES = List.of("/", "/calls", "/payments", "/account/password");

    private static final List<String> BLOCKED_API_READS = List.of("/api/v1/me", "/api/v1/balance", "/api/v1/calls",
            "/api/v1/payments");

    @LocalServerPort
    int port;

    @Autowired
    SubscriberProvisioning provisioning;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    TestInbox inbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Test
    void initialPasswordReachesOnlyFirstSignIn() {
        Provisioned subscriber = provision();
        PortalClient client = new PortalClient(port);

        HttpResponse<String> signIn = client.signIn(subscriber.number(), subscriber.initialPassword());
        HttpResponse<String> page = client.getPage("/first-sign-in");

        assertThat(location(signIn)).endsWith("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"identity-data-form\"").doesNotContain("href=\"/calls\"");
    }

    @Test
    void pagesRedirectBeforeFirstSignIn() {
        PortalClient client = signedIn(provision());

        for (String path : BLOCKED_PAGES) {
            HttpResponse<String> response = client.getPage(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(location(response)).as(path).endsWith("/first-sign-in");
        }
    }

    @Test
    void apiCallsAnswer403BeforeFirstSignIn() {
        PortalClient client = signedIn(provision());

        for (String path : BLOCKED_API_READS) {
            HttpResponse<String> response = client.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.body()).as(path).contains("\"code\":\"first_sign_in_required\"");
        }
        HttpResponse<String> passwordChange = postJson(client, "/api/v1/password",
                "{\"currentPassword\":\"x\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");
        assertThat(passwordChange.statusCode()).as("POST /api/v1/password").isEqualTo(403);
        assertThat(passwordChange.body()).as("POST /api/v1/password").contains("first_sign_in_required");
    }

    @Test
    void apiRefusalsAreSigned() {
        PortalClient client = signedIn(provision());

        // The client verifies a signature whenever one is present, so only its presence is asserted here.
        for (String path : BLOCKED_API_READS) {
            HttpResponse<String> response = client.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.headers().firstValue(RequestSigner.RESPONSE_HEADER)).as(path).isPresent();
        }
    }

    @Test
    void passwordStepRejectedBeforeIdentityCheck() {
        Provisioned subscriber = provision();
        PortalClient client = signedIn(subscriber);

        HttpResponse<String> api = postJson(client, "/api/v1/first-sign-in/password",
                "{\"newPassword\":\"" + NEW_PASSWORD + "\"}");
        HttpResponse<String> page = client.getPage("/first-sign-in/password");
        HttpResponse<String> form = client.postForm("/first-sign-in/password",
                Map.of("newPassword", NEW_PASSWORD, "repeatPassword", NEW_PASSWORD), metaToken(client));

        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.body()).contains("\"code\":\"identity_check_required\"");
        assertThat(location(page)).endsWith("/first-sign-in");
        assertThat(location(form)).endsWith("/first-sign-in");
        assertThat(status(subscriber)).isEqualTo(SubscriberStatus.PROVISIONED);
    }

    @Test
    void wrongIdentityDataCountsAndThirdLocks() {
        Provisioned subscriber = provision();
        PortalClient client = signedIn(subscriber);
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse<String> first = verify(client, DIGITS, "someone@example.org");
        HttpResponse<String> second = verify(client, "0000", EMAIL);
        HttpResponse<String> third = verify(client, "0000", "someone@example.org");

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(first.body()).contains("\"code\":\"proof_invalid\"");
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(third.statusCode()).isEqualTo(423);
        assertThat(third.body()).contains("\"code\":\"account_locked\"").contains("\"lockedUntil\"");
        assertThat(client.getPage("/first-sign-in").statusCode()).as("session ended").isEqualTo(302);
        assertThat(inbox.awaitSms(subscriber.e164(), before)).contains("locked");
        HttpResponse<String> again = new PortalClient(port).signIn(subscriber.number(), subscriber.initialPassword());
        assertThat(again.body()).as("sign-in while locked").contains("blocked until");
    }

    @Test
    void rightDataAfterWrongEntryPasses() {
        Provisioned subscriber = provision();
        PortalClient client = signedIn(subscriber);

        assertThat(verify(client, "0000", EMAIL).statusCode()).isEqualTo(400);
        HttpResponse<String> right = verify(client, DIGITS.toLowerCase(), EMAIL.toUpperCase());

        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).contains("\"next\":\"password\"");
    }

    @Test
    void weakPasswordsRejectedWithRule() {
        Provisioned subscriber = provision();
        PortalClient client = signedIn(subscriber);
        assertThat(verify(client, DIGITS, EMAIL).statusCode()).isEqualTo(200);

        HttpResponse<String> weak = setPassword(client, "123456");
        HttpResponse<String> initial = setPassword(client, subscriber.initialPassword());
        HttpResponse<String> name = setPassword(client, "Grace-Hopper-2024!");

        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("\"rule\":\"too-short\"").contains("use at least 10 characters");
        assertThat(initial.statusCode()).isEqualTo(422);
        assertThat(initial.body()).contains("\"rule\":\"same-as-current\"");
        assertThat(name.statusCode()).isEqualTo(422);
        assertThat(name.body()).contains("\"rule\":\"contains-name\"");
        assertThat(status(subscriber)).isEqualTo(SubscriberStatus.PROVISIONED);
    }

    @Test
    void completedFirstSignInReachesPortal() {
        Provisioned subscriber = provision();
        PortalClient client = signedIn(subscriber);
        assertThat(verify(client, DIGITS, EMAIL).statusCode()).isEqualTo(200);

        HttpResponse<String> done = setPassword(client, NEW_PASSWORD);

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("\"next\":\"done\"");
        assertThat(done.headers().allValues("Set-Cookie")).as("new session id").isNotEmpty();
        assertThat(client.getPage("/").statusCode()).as("overview in the same session").isEqualTo(200);
        assertThat(client.get("/api/v1/me").statusCode()).as("API in the same session").isEqualTo(200);
        assertThat(client.requestSessionKey().statusCode()).as("session key kept across the new session id")
                .isEqualTo(409);
        assertThat(client.getPage("/first-sign-in").statusCode()).as("first sign-in page after").isEqualTo(302);
        assertThat(status(subscriber)).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(events("FIRST_SIGN_IN_COMPLETED", subscriber)).isEqualTo(1);
    }

    @Test
    void initialPasswordRejectedAfterChange() {
        Provisioned subscriber = provision();
        PortalClient client = signedIn(subscriber);
        assertThat(verify(client, DIGITS, EMAIL).statusCode()).isEqualTo(200);
        assertThat(setPassword(client, NEW_PASSWORD).statusCode()).isEqualTo(200);

        HttpResponse<String> initial = new PortalClient(port).signIn(subscriber.number(), subscriber.initialPassword());
        PortalClient renewed = new PortalClient(port);
        HttpResponse<String> chosen = renewed.signIn(subscriber.number(), NEW_PASSWORD);

        assertThat(location(initial)).endsWith("/signin?failed");
        assertThat(location(chosen)).endsWith("/");
        assertThat(renewed.getPage("/").statusCode()).isEqualTo(200);
    }

    @Test
    void expiredInitialPasswordRejected() {
        Provisioned subscriber = provision();
        jdbc.sql("UPDATE subscriber SET initial_password_expires_at = ? WHERE msisdn_e164 = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))), subscriber.e164())
                .update();

        HttpResponse<String> response = new PortalClient(port).signIn(subscriber.number(),
                subscriber.initialPassword());

        assertThat(location(response)).endsWith("/signin?failed");
    }

    @Test
    void pagesWalkTheWholeFlow() {
        Provisioned subscriber = provision();
        PortalClient client = signedIn(subscriber);

        HttpResponse<String> wrong = client.postForm("/first-sign-in", Map.of("method", "identity-data",
                "identityDocumentDigits", "0000", "contactEmail", EMAIL), metaToken(client));
        HttpResponse<String> right = client.postForm("/first-sign-in", Map.of("method", "identity-data",
                "identityDocumentDigits", DIGITS, "contactEmail", EMAIL), metaToken(client));
        HttpResponse<String> passwordPage = client.getPage("/first-sign-in/password");
        HttpResponse<String> different = client.postForm("/first-sign-in/password",
                Map.of("newPassword", NEW_PASSWORD, "repeatPassword", NEW_PASSWORD + "x"), metaToken(client));
        HttpResponse<String> saved = client.postForm("/first-sign-in/password",
                Map.of("newPassword", NEW_PASSWORD, "repeatPassword", NEW_PASSWORD), metaToken(client));

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("do not match our records");
        assertThat(location(right)).endsWith("/first-sign-in/password");
        assertThat(passwordPage.statusCode()).isEqualTo(200);
        assertThat(passwordPage.body()).contains("id=\"first-password-form\"");
        assertThat(different.statusCode()).isEqualTo(400);
        assertThat(location(saved)).endsWith("/");
        assertThat(client.getPage("/payments").statusCode()).isEqualTo(200);
    }

    @Test
    void pageLockShowsLockEnd() {
        Provisioned subscriber = provision();
        PortalClient client = signedIn(subscriber);
        Map<String, String> wrong = Map.of("method", "identity-data", "identityDocumentDigits", "0000",
                "contactEmail", EMAIL);

        HttpResponse<String> first = client.postForm("/first-sign-in", wrong, metaToken(client));
        HttpResponse<String> second = client.postForm("/first-sign-in", wrong, metaToken(client));
        HttpResponse<String> third = client.postForm("/first-sign-in", wrong, metaToken(client));

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(third.statusCode()).isEqualTo(423);
        assertThat(third.body()).contains("blocked until");
        assertThat(client.getPage("/first-sign-in").statusCode()).as("session ended").isEqualTo(302);
    }

    @Test
    void smsCodeProvesIdentity() {
        Provisioned subscriber = provision();
        PortalClient client = signedIn(subscriber);
        Instant before = Instant.now();

        HttpResponse<String> send = postJson(client, "/api/v1/first-sign-in/code", "");
        String code = smsCode(subscriber, before);
        HttpResponse<String> verify = postJson(client, "/api/v1/first-sign-in/verify",
                "{\"method\":\"sms-code\",\"code\":\"" + code + "\"}");
        HttpResponse<String> password = setPassword(client, NEW_PASSWORD);

        assertThat(send.statusCode()).isEqualTo(202);
        assertThat(send.body()).contains("\"expiresAt\"");
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.body()).contains("\"next\":\"password\"");
        assertThat(password.statusCode()).isEqualTo(200);
        assertThat(status(subscriber)).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void wrongSmsCodeRejected() {
        Provisioned subscriber = provision();
        PortalClient client = signedIn(subscriber);
        Instant before = Instant.now();

        postJson(client, "/api/v1/first-sign-in/code", "");
        String code = smsCode(subscriber, before);
        String wrong = code.equals("000000") ? "000001" : "000000";
        HttpResponse<String> verify = postJson(client, "/api/v1/first-sign-in/verify",
                "{\"method\":\"sms-code\",\"code\":\"" + wrong + "\"}");
        HttpResponse<String> password = setPassword(client, NEW_PASSWORD);

        assertThat(verify.statusCode()).isEqualTo(400);
        assertThat(verify.body()).contains("\"code\":\"proof_invalid\"");
        assertThat(password.statusCode()).isEqualTo(403);
        assertThat(status(subscriber)).isEqualTo(SubscriberStatus.PROVISIONED);
    }

    @Test
    void smsCodeBoundToItsSession() {
        Provisioned subscriber = provision();
        PortalClient first = signedIn(subscriber);
        Instant before = Instant.now();
        postJson(first, "/api/v1/first-sign-in/code", "");
        String code = smsCode(subscriber, before);

        PortalClient second = signedIn(subscriber);
        HttpResponse<String> verify = postJson(second, "/api/v1/first-sign-in/verify",
                "{\"method\":\"sms-code\",\"code\":\"" + code + "\"}");

        assertThat(verify.statusCode()).isEqualTo(400);
        assertThat(verify.body()).contains("\"code\":\"proof_invalid\"");
    }

    @Test
    void secondCodeWithinMinuteRateLimited() {
        PortalClient client = signedIn(provision());

        HttpResponse<String> first = postJson(client, "/api/v1/first-sign-in/code", "");
        HttpResponse<String> second = postJson(client, "/api/v1/first-sign-in/code", "");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void stepUpApiClosedDuringFirstSignIn() {
        PortalClient client = signedIn(provision());

        HttpResponse<String> stepUp = postJson(client, "/api/v1/stepup/code", "{\"purpose\":\"first-sign-in\"}");

        assertThat(stepUp.statusCode()).isEqualTo(403);
    }

    @Test
    void unknownMethodsRejectedWithoutCounting() {
        PortalClient client = signedIn(provision());

        HttpResponse<String> unknown = postJson(client, "/api/v1/first-sign-in/verify", "{\"method\":\"guess\"}");
        HttpResponse<String> missing = postJson(client, "/api/v1/first-sign-in/verify",
                "{\"method\":\"identity-data\",\"contactEmail\":\"" + EMAIL + "\"}");
        HttpResponse<String> wrongType = postJson(client, "/api/v1/first-sign-in/verify",
                "{\"method\":\"identity-data\",\"identityDocumentDigits\":1234,\"contactEmail\":\"" + EMAIL + "\"}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"code\":\"method_invalid\"");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"code\":\"input_invalid\"");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(verify(client, DIGITS, EMAIL).statusCode()).as("not locked by input errors").isEqualTo(200);
    }

    @Test
    void activeSubscriberCannotUseFirstSignInApi() {
        var active = TestSubscribers.create(directory, accounts);
        PortalClient client = new PortalClient(port);
        assertThat(location(client.signIn(active.msisdn(), TestSubscribers.PASSWORD))).endsWith("/");

        HttpResponse<String> response = postJson(client, "/api/v1/first-sign-in/verify",
                "{\"method\":\"identity-data\",\"identityDocumentDigits\":\"" + DIGITS + "\",\"contactEmail\":\""
                        + EMAIL + "\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(location(client.getPage("/first-sign-in"))).endsWith("/");
    }

    private Provisioned provision() {
        String number = TestSubscribers.freshNumber(directory);
        Instant before = Instant.now().minusSeconds(1);
        ProvisionedSubscriber created = provisioning.provision(new ProvisioningRequest(number, "GB", "Grace Hopper",
                "Europe/London", EMAIL, DIGITS), "127.0.0.1", "test");
        Matcher matcher = INITIAL_PASSWORD.matcher(inbox.awaitSms(created.msisdnE164(), before));
        assertThat(matcher.find()).as("initial password in the SMS").isTrue();
        return new Provisioned(number, created.msisdnE164(), matcher.group(1));
    }

    private String smsCode(Provisioned subscriber, Instant since) {
        Matcher code = SMS_CODE.matcher(inbox.awaitSms(subscriber.e164(), since));
        assertThat(code.find()).as("a 6-digit code in the SMS").isTrue();
        return code.group(1);
    }

    private PortalClient signedIn(Provisioned subscriber) {
        PortalClient client = new PortalClient(port);
        assertThat(location(client.signIn(subscriber.number(), subscriber.initialPassword()))).as("sign-in")
                .endsWith("/");
        return client;
    }

    private HttpResponse<String> verify(PortalClient client, String digits, String email) {
        return postJson(client, "/api/v1/first-sign-in/verify", "{\"method\":\"identity-data\","
                + "\"identityDocumentDigits\":\"" + digits + "\",\"contactEmail\":\"" + email + "\"}");
    }

    private HttpResponse<String> setPassword(PortalClient client, String password) {
        return postJson(client, "/api/v1/first-sign-in/password", "{\"newPassword\":\"" + password + "\"}");
    }

    private HttpResponse<String> postJson(PortalClient client, String path, String body) {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-CSRF-TOKEN", metaToken(client))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /**
     * Returns the CSRF token from the first page of the session's stage that opens: the identity check, the
     * password step, or the change-password page after the first sign-in.
     */
    private static String metaToken(PortalClient client) {
        for (String path : List.of("/first-sign-in", "/first-sign-in/password", "/account/password")) {
            HttpResponse<String> page = client.getPage(path);
            Matcher matcher = CSRF_META.matcher(page.body());
            if (page.statusCode() == 200 && matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("No page of this session carries a CSRF token");
    }

    private SubscriberStatus status(Provisioned subscriber) {
        return directory.findByE164(subscriber.e164()).orElseThrow().status();
    }

    private int events(String type, Provisioned subscriber) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = ? AND identifier = ?")
                .params(type, subscriber.e164())
                .query(Integer.class)
                .single();
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no Location header, status "
                + response.statusCode() + ")");
    }

    private record Provisioned(String number, String e164, String initialPassword) {
    }
}
