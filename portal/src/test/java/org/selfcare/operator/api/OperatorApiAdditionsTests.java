package org.selfcare.operator.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.operator.console.ConsoleTest;
import org.selfcare.operator.console.ConsoleTestBeans;
import org.selfcare.stepup.RiskState;
import org.selfcare.support.PortalClient;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator API's top-ups, alerts and risk: a top-up is credited once per reference, a wrong token gets 401,
 * and alerts and risk come out in the shapes the operator's systems read.
 */
@ConsoleTest
class OperatorApiAdditionsTests {

    @Autowired
    Environment environment;

    @Autowired
    SubscriberDirectory subscribers;

    @Autowired
    Accounts accounts;

    @Autowired
    ConsoleTestBeans.TestAlerts alerts;

    @Autowired
    ConsoleTestBeans.TestRisk risk;

    @Autowired
    JdbcClient jdbc;

    int operatorPort;

    String token;

    @BeforeEach
    void operatorPort() throws Exception {
        operatorPort = environment.getRequiredProperty(OperatorConnector.LOCAL_PORT_PROPERTY, Integer.class);
        token = Files.readString(Path.of(System.getProperty("selfcare.data-dir", "data"))
                .resolve(OperatorToken.GENERATED_FILE)).strip();
    }

    @Test
    void topUpIsCreditedOncePerReference() {
        Subscriber subscriber = TestSubscribers.create(subscribers, accounts);
        String reference = "till-7-" + UUID.randomUUID();
        String body = "{\"amountMinor\": 1000, \"currency\": \"GBP\", \"channel\": \"cash\", \"reference\": \""
                + reference + "\"}";

        HttpResponse<String> first = post(token, paymentsPath(subscriber), body);
        HttpResponse<String> again = post(token, paymentsPath(subscriber), body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).contains("\"duplicate\":false");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":true");
        assertThat(balance(subscriber)).isEqualTo(1000);
    }

    @Test
    void invalidTopUpsAreRefusedAndCreditNothing() {
        Subscriber subscriber = TestSubscribers.create(subscribers, accounts);

        HttpResponse<String> negative = post(token, paymentsPath(subscriber),
                "{\"amountMinor\": -5, \"currency\": \"GBP\", \"channel\": \"cash\", \"reference\": \"r-1\"}");
        HttpResponse<String> otherCurrency = post(token, paymentsPath(subscriber),
                "{\"amountMinor\": 500, \"currency\": \"EUR\", \"channel\": \"cash\", \"reference\": \"r-2\"}");
        HttpResponse<String> unknown = post(token, "/operator/api/v1/subscribers/%2B447700899999/payments",
                "{\"amountMinor\": 500, \"currency\": \"GBP\", \"channel\": \"cash\", \"reference\": \"r-3\"}");

        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("\"code\":\"invalid_request\"");
        assertThat(otherCurrency.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(balance(subscriber)).isZero();
    }

    @Test
    void wrongTokenAnswers401AndCreditsNothing() {
        Subscriber subscriber = TestSubscribers.create(subscribers, accounts);

        HttpResponse<String> topUp = post(token.substring(1) + "x", paymentsPath(subscriber),
                "{\"amountMinor\": 1000, \"currency\": \"GBP\", \"channel\": \"card\", \"reference\": \"x-1\"}");
        HttpResponse<String> alertList = get("wrong-token-of-sufficient-length-0000000", "/operator/api/v1/alerts");

        assertThat(topUp.statusCode()).isEqualTo(401);
        assertThat(alertList.statusCode()).isEqualTo(401);
        assertThat(balance(subscriber)).isZero();
    }

    @Test
    void alertsAndRiskAreListedForTheOperator() {
        Subscriber subscriber = TestSubscribers.create(subscribers, accounts);
        alerts.raise("code-requests", subscriber.id(), "6 code requests in 1 hour");
        Instant until = Instant.parse("2030-01-01T00:00:00Z");
        risk.set(subscriber.id(), new RiskState(RiskState.Level.BLOCKED, until));
        String number = subscriber.msisdnE164().replace("+", "%2B");

        HttpResponse<String> list = get(token, "/operator/api/v1/alerts?subscriber=" + number + "&open=true");
        HttpResponse<String> state = get(token, "/operator/api/v1/subscribers/" + number + "/risk");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"detector\":\"code-requests\"").contains("\"severity\":\"warning\"")
                .contains("\"subscriber\":\"" + subscriber.msisdnE164() + "\"");
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).isEqualTo("{\"level\":\"blocked\",\"until\":\"2030-01-01T00:00:00Z\"}");
    }

    private static String paymentsPath(Subscriber subscriber) {
        return "/operator/api/v1/subscribers/" + subscriber.msisdnE164().replace("+", "%2B") + "/payments";
    }

    private long balance(Subscriber subscriber) {
        return jdbc.sql("SELECT balance_minor FROM account WHERE subscriber_id = ?").param(subscriber.id())
                .query(Long.class).single();
    }

    private HttpResponse<String> post(String bearer, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create("https://localhost:" + operatorPort + path))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> get(String bearer, String path) {
        return send(HttpRequest.newBuilder(URI.create("https://localhost:" + operatorPort + path))
                .header("Authorization", "Bearer " + bearer)
                .GET()
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newBuilder().sslContext(PortalClient.trustingPortalCertificate())
                    .connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException | InterruptedException ex) {
            throw new IllegalStateException("Request to " + request.uri() + " failed", ex);
        }
    }
}
