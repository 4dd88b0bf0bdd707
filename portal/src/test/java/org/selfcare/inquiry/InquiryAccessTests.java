package org.selfcare.inquiry;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.platform.KeysetCursor;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;
import org.selfcare.usage.CallRecordImporter;
import org.selfcare.usage.ImportOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class InquiryAccessTests {

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    CallRecordImporter importer;

    @Autowired
    JdbcClient jdbc;

    Subscriber alice;

    Subscriber bob;

    @BeforeEach
    void twoSubscribersWithCalls() throws Exception {
        alice = TestSubscribers.create(directory, accounts);
        bob = TestSubscribers.create(directory, accounts);
        String log = "user,other,direction,duration,timestamp,antenna_id,cost\n"
                + digits(alice) + ",7700900001,Outgoing,61,Wed Sep 15 19:17:44 +0100 2010,2,33\n"
                + digits(bob) + ",2079460000,Outgoing,125,Thu Sep 16 08:00:00 +0100 2010,3,1\n"
                + digits(bob) + ",2079460001,Incoming,30,Fri Sep 17 09:00:00 +0100 2010,3,1\n";
        importer.importStream(new java.io.ByteArrayInputStream(log.getBytes()), "access-test.csv",
                new ImportOptions(java.time.ZoneId.of("Europe/London"), "GB", null, ImportOptions.DEFAULT_EARLIEST),
                (rejected) -> {
                });
        accounts.recordPayment(bob.id(), Money.of(2000, "GBP"), PaymentChannel.CARD, "access-" + bob.id(),
                Instant.parse("2010-09-01T10:00:00Z"));
    }

    @Test
    void apiWithoutSessionAnswers401() {
        PortalClient anonymous = new PortalClient(port);

        for (String path : List.of("/api/v1/me", "/api/v1/balance", "/api/v1/payments", "/api/v1/calls")) {
            assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void pagesWithoutSessionRedirectToSignIn() {
        PortalClient anonymous = new PortalClient(port);

        for (String path : List.of("/", "/calls", "/payments")) {
            HttpResponse<String> response = anonymous.getPage(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValueSatisfying(
                    (location) -> assertThat(location).endsWith("/signin"));
        }
    }

    @Test
    void signedInSubscriberSeesOwnCallsOnly() {
        PortalClient client = signedIn(alice);

        String calls = client.get("/api/v1/calls").body();

        assertThat(calls).contains("7700900001");
        assertThat(calls).doesNotContain("2079460000").doesNotContain("2079460001");
    }

    @Test
    void subscriberIdInRequestIsIgnored() {
        PortalClient client = signedIn(alice);

        String calls = client.get("/api/v1/calls?subscriberId=" + bob.id() + "&subscriber_id=" + bob.id()).body();
        String payments = client.get("/api/v1/payments?subscriberId=" + bob.id()).body();

        assertThat(calls).contains("7700900001").doesNotContain("2079460000");
        assertThat(payments).doesNotContain("access-" + bob.id());
    }

    @Test
    void cursorFromAnotherSubscribersRecordShowsOnlyOwnRecords() {
        var bobsRecord = jdbc.sql("SELECT id, started_at FROM call_record WHERE subscriber_id = ? LIMIT 1")
                .param(bob.id())
                .query((rows, number) -> new KeysetCursor(rows.getTimestamp(2).toInstant().plusSeconds(1),
                        rows.getLong(1) + 1))
                .single();
        PortalClient client = signedIn(alice);

        String calls = client.get("/api/v1/calls?cursor=" + bobsRecord.encode()).body();

        assertThat(calls).doesNotContain("2079460000").doesNotContain("2079460001");
    }

    @Test
    void callsAreNewestFirstInSubscribersZoneAndPaged() {
        PortalClient client = signedIn(bob);

        String firstPage = client.get("/api/v1/calls?limit=1").body();
        String cursor = firstPage.replaceAll(".*\"nextCursor\":\"([^\"]+)\".*", "$1");
        String secondPage = client.get("/api/v1/calls?limit=1&cursor=" + cursor).body();

        assertThat(firstPage).contains("\"startedAt\":\"2010-09-17T09:00:00+01:00\"").contains("INCOMING");
        assertThat(secondPage).contains("\"startedAt\":\"2010-09-16T08:00:00+01:00\"").contains("\"nextCursor\":null");
    }

    @Test
    void monthFilterUsesSubscribersZone() {
        PortalClient client = signedIn(bob);

        assertThat(client.get("/api/v1/calls?month=2010-09").body()).contains("2079460000");
        assertThat(client.get("/api/v1/calls?month=2010-10").body()).contains("\"items\":[]");
    }

    @Test
    void balanceReflectsPaymentAndCallCharge() {
        PortalClient client = signedIn(bob);

        // 2,000 paid in, minus three started minutes at the default 10 per minute for the 125 s call.
        assertThat(client.get("/api/v1/balance").body()).contains("\"minorUnits\":1970").contains("\"decimal\":\"19.70\"");
    }

    @Test
    void malformedParametersGetPlainErrors() {
        PortalClient client = signedIn(alice);

        HttpResponse<String> month = client.get("/api/v1/calls?month=13-2010");
        HttpResponse<String> cursor = client.get("/api/v1/calls?cursor=%27%3B%20DROP%20TABLE");
        HttpResponse<String> limit = client.get("/api/v1/calls?limit=100000");

        assertThat(month.statusCode()).isEqualTo(400);
        assertThat(month.body()).contains("month").contains("2010-10");
        assertThat(cursor.statusCode()).isEqualTo(400);
        assertThat(cursor.body()).contains("cursor is invalid");
        assertThat(limit.statusCode()).isEqualTo(400);
        for (HttpResponse<String> response : List.of(month, cursor, limit)) {
            assertThat(response.body()).doesNotContainIgnoringCase("exception")
                    .doesNotContainIgnoringCase("spring")
                    .doesNotContainIgnoringCase("tomcat")
                    .doesNotContain("at org.");
        }
    }

    @Test
    void wrongPasswordAndUnknownNumberFailAlike() {
        HttpResponse<String> wrongPassword = new PortalClient(port).signIn(alice.msisdn(), "not-the-password");
        HttpResponse<String> unknownNumber = new PortalClient(port).signIn(TestSubscribers.unknownNumber(),
                "not-the-password");
        HttpResponse<String> garbage = new PortalClient(port).signIn("'\"><script>" + System.nanoTime(), "x");

        for (HttpResponse<String> response : List.of(wrongPassword, unknownNumber, garbage)) {
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    (location) -> assertThat(location).endsWith("/signin?failed"));
        }
    }

    @Test
    void signInWithoutCsrfTokenIsRefused() {
        PortalClient client = new PortalClient(port);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + port + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "msisdn=" + digits(alice) + "&password=" + TestSubscribers.PASSWORD))
                .build();

        assertThat(client.send(request).statusCode()).isEqualTo(403);
    }

    @Test
    void errorPageShowsIdAndNothingOfTheSoftware() {
        PortalClient client = signedIn(alice);

        HttpResponse<String> response = client.getPage("/no/such/page");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).containsPattern("id=\"error-id\">[0-9a-f-]{36}<");
        assertThat(response.body()).doesNotContainIgnoringCase("tomcat")
                .doesNotContainIgnoringCase("spring")
                .doesNotContainIgnoringCase("whitelabel")
                .doesNotContainIgnoringCase("exception");
    }

    @Test
    void oversizedFormIsRejectedWithoutDetails() {
        PortalClient client = new PortalClient(port);

        HttpResponse<String> response = client.postForm("/signin",
                Map.of("msisdn", "1".repeat(200_000), "password", "x"));

        assertThat(response.statusCode()).isIn(302, 400, 413);
        assertThat(response.body()).doesNotContainIgnoringCase("tomcat").doesNotContainIgnoringCase("exception");
    }

    /**
     * Signs in and proves the identity for call records, which need a second authentication.
     */
    private PortalClient signedIn(Subscriber subscriber) {
        PortalClient client = new PortalClient(port);
        HttpResponse<String> response = client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);
        assertThat(response.headers().firstValue("Location")).as("sign-in redirect")
                .hasValueSatisfying((location) -> assertThat(location).endsWith("/"));
        assertThat(client.stepUp("call-records", TestSubscribers.SERVICE_PASSWORD).statusCode()).as("step-up")
                .isEqualTo(200);
        return client;
    }

    private static String digits(Subscriber subscriber) {
        return subscriber.msisdnE164().substring(3);
    }
}
