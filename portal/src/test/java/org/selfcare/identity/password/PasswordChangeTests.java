package org.selfcare.identity.password;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
@ExtendWith(OutputCaptureExtension.class)
class PasswordChangeTests {

    static final String NEW_PASSWORD = "Lantern-Meadow-81#";

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    Subscriber subscriber;

    @BeforeEach
    void subscriber() {
        subscriber = TestSubscribers.create(directory, accounts);
    }

    @Test
    void apiChangesPasswordAndKeepsSession(CapturedOutput output) {
        PortalClient client = signedIn(TestSubscribers.PASSWORD);

        HttpResponse<String> response = postJson(client, change(TestSubscribers.PASSWORD, NEW_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Your password has been changed");
        assertThat(client.get("/api/v1/me").statusCode()).as("still signed in").isEqualTo(200);
        assertThat(signInRedirect(NEW_PASSWORD)).as("new password").endsWith("/");
        assertThat(signInRedirect(TestSubscribers.PASSWORD)).as("old password").endsWith("/signin?failed");
        assertThat(recordedReasons("PASSWORD_CHANGED")).hasSize(1);
        assertThat(output.getOut()).doesNotContain(NEW_PASSWORD);
        assertThat(String.join(" ", recordedReasons("PASSWORD_CHANGED"))).doesNotContain(NEW_PASSWORD);
    }

    @Test
    void apiRequiresCurrentPassword() {
        PortalClient client = signedIn(TestSubscribers.PASSWORD);

        HttpResponse<String> wrong = postJson(client, change("Not-The-Password-1!", NEW_PASSWORD));
        HttpResponse<String> missing = postJson(client, "{\"newPassword\":\"" + NEW_PASSWORD + "\"}");

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("The current password is not correct.");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("Enter your current password.");
        assertThat(signInRedirect(NEW_PASSWORD)).as("password unchanged").endsWith("/signin?failed");
    }

    @Test
    void apiListsEveryBrokenRule(CapturedOutput output) {
        PortalClient client = signedIn(TestSubscribers.PASSWORD);

        HttpResponse<String> response = postJson(client, change(TestSubscribers.PASSWORD, "123456"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("\"rule\":\"too-short\"")
                .contains("\"rule\":\"no-letter\"")
                .contains("\"rule\":\"no-symbol\"")
                .contains("\"rule\":\"common-password\"")
                .contains("\"rule\":\"easy-to-guess\"");
        assertThat(response.body()).contains("use at least 10 characters");
        assertThat(recordedReasons("PASSWORD_CHANGE_REJECTED")).singleElement()
                .satisfies((reason) -> assertThat(reason).contains("too-short, no-letter"));
        assertThat(output.getOut()).doesNotContain("\"123456\"");
    }

    @Test
    void apiRejectsSimplePasswords() {
        PortalClient client = signedIn(TestSubscribers.PASSWORD);
        String digits = subscriber.msisdnE164().substring(1);

        for (String simple : List.of("Ab1!", "12345678901234", "abcdefghijklmn", "password123", "Test-Subscriber-1",
                "Lantern#" + digits)) {
            assertThat(postJson(client, change(TestSubscribers.PASSWORD, simple)).statusCode()).as(simple)
                    .isEqualTo(422);
        }
    }

    @Test
    void apiWithoutCsrfTokenIsRejected() {
        PortalClient client = signedIn(TestSubscribers.PASSWORD);

        HttpResponse<String> response = client.send(jsonRequest(change(TestSubscribers.PASSWORD, NEW_PASSWORD))
                .build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"csrf_token_invalid\"");
        assertThat(response.body()).contains("CSRF token is missing");
        assertThat(signInRedirect(NEW_PASSWORD)).as("password unchanged").endsWith("/signin?failed");
    }

    @Test
    void apiWithoutSessionAnswers401() {
        PortalClient anonymous = new PortalClient(port);

        HttpResponse<String> response = anonymous.send(jsonRequest(change(TestSubscribers.PASSWORD, NEW_PASSWORD))
                .header("X-CSRF-TOKEN", anonymous.csrfToken())
                .build());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void apiBadInputGetsPlainErrors() {
        PortalClient client = signedIn(TestSubscribers.PASSWORD);
        Map<String, String> bodies = Map.of(
                "oversized password", change(TestSubscribers.PASSWORD, "Ab1#".repeat(32) + "x"),
                "missing new password", "{\"currentPassword\":\"" + TestSubscribers.PASSWORD + "\"}",
                "number", "{\"currentPassword\":\"" + TestSubscribers.PASSWORD + "\",\"newPassword\":12345678901}",
                "object", "{\"currentPassword\":{\"a\":1},\"newPassword\":\"" + NEW_PASSWORD + "\"}",
                "array body", "[\"" + TestSubscribers.PASSWORD + "\"]",
                "not JSON", "currentPassword=x&newPassword=y",
                "truncated", "{\"currentPassword\":\"",
                "oversized body", "{\"currentPassword\":\"" + "x".repeat(20_000) + "\"}");

        bodies.forEach((name, body) -> {
            HttpResponse<String> response = postJson(client, body);
            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(response.body()).as(name).contains("\"errorId\"")
                    .doesNotContainIgnoringCase("exception")
                    .doesNotContainIgnoringCase("jackson")
                    .doesNotContainIgnoringCase("spring")
                    .doesNotContain("at org.");
        });
        assertThat(postJson(client, bodies.get("number")).body()).contains("JSON object with the text members");
        assertThat(postJson(client, bodies.get("oversized password")).body()).contains("at most 128 characters");
    }

    @Test
    void pageChangesPassword() {
        PortalClient client = signedIn(TestSubscribers.PASSWORD);

        HttpResponse<String> response = client.postForm("/account/password",
                Map.of("currentPassword", TestSubscribers.PASSWORD,
                        "newPassword", NEW_PASSWORD, "repeatPassword", NEW_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/account/password?changed"));
        assertThat(client.getPage("/account/password?changed").body()).contains("Your password has been changed");
        assertThat(signInRedirect(NEW_PASSWORD)).endsWith("/");
    }

    @Test
    void pageShowsEveryBrokenRule() {
        PortalClient client = signedIn(TestSubscribers.PASSWORD);

        HttpResponse<String> response = client.postForm("/account/password",
                Map.of("currentPassword", TestSubscribers.PASSWORD,
                        "newPassword", "password123", "repeatPassword", "password123"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("The new password needs at least one symbol")
                .contains("on a list of commonly used passwords")
                .doesNotContain("password123");
    }

    @Test
    void pageRequiresCurrentPassword() {
        PortalClient client = signedIn(TestSubscribers.PASSWORD);

        HttpResponse<String> wrong = client.postForm("/account/password",
                Map.of("currentPassword", "Not-The-Password-1!",
                        "newPassword", NEW_PASSWORD, "repeatPassword", NEW_PASSWORD));
        HttpResponse<String> differentRepeat = client.postForm("/account/password",
                Map.of("currentPassword", TestSubscribers.PASSWORD,
                        "newPassword", NEW_PASSWORD, "repeatPassword", NEW_PASSWORD + "x"));

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("The current password is not correct.");
        assertThat(differentRepeat.statusCode()).isEqualTo(400);
        assertThat(differentRepeat.body()).contains("The two new passwords are not the same.");
        assertThat(signInRedirect(NEW_PASSWORD)).as("password unchanged").endsWith("/signin?failed");
    }

    @Test
    void pageWithoutSessionRedirectsToSignIn() {
        HttpResponse<String> response = new PortalClient(port).getPage("/account/password");

        assertThat(response.statusCode()).isEqualTo(302);
    }

    private PortalClient signedIn(String password) {
        PortalClient client = new PortalClient(port);
        HttpResponse<String> response = client.signIn(subscriber.msisdn(), password);
        assertThat(response.headers().firstValue("Location")).as("sign-in redirect")
                .hasValueSatisfying((location) -> assertThat(location).endsWith("/"));
        return client;
    }

    private String signInRedirect(String password) {
        return new PortalClient(port).signIn(subscriber.msisdn(), password).headers().firstValue("Location")
                .orElse("");
    }

    private HttpResponse<String> postJson(PortalClient client, String body) {
        return client.send(jsonRequest(body).header("X-CSRF-TOKEN", metaToken(client)).build());
    }

    private HttpRequest.Builder jsonRequest(String body) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/password"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /**
     * Returns the CSRF token of the signed-in session, as pages publish it for scripts.
     */
    private static String metaToken(PortalClient client) {
        Matcher matcher = CSRF_META.matcher(client.getPage("/account/password").body());
        assertThat(matcher.find()).as("CSRF meta element").isTrue();
        return matcher.group(1);
    }

    private static String change(String current, String proposed) {
        return "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + proposed + "\"}";
    }

    private java.util.List<String> recordedReasons(String type) {
        return jdbc.sql("SELECT coalesce(reason, '') FROM security_event WHERE type = ? AND subscriber_id = ?")
                .params(type, subscriber.id())
                .query(String.class)
                .list();
    }
}
