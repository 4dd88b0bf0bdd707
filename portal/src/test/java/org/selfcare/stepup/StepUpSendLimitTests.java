package org.selfcare.stepup;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestClock;
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
 * The per-session and per-address limits of SMS codes. The per-number limits are raised here so that the other two
 * are reached first. The per-address limit is low, because every test client connects from 127.0.0.1.
 */
@PortalTest
@TestPropertySource(properties = { "selfcare.stepup.send-limits.number-per-minute=100",
        "selfcare.stepup.send-limits.number-per-hour=100", "selfcare.stepup.send-limits.number-per-day=100",
        "selfcare.stepup.send-limits.session-per-hour=3", "selfcare.stepup.send-limits.address-per-hour=8" })
@Import(StepUpSendLimitTests.Config.class)
class StepUpSendLimitTests {

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
    JdbcClient jdbc;

    /**
     * Starts from empty buckets. The test database outlives runs, and a bucket that a run left at its clock's time,
     * hours ahead, would not refill for this run's clock until then.
     */
    @BeforeEach
    void emptyBuckets() {
        jdbc.sql("DELETE FROM step_up_send_limit").update();
    }

    @Test
    void sessionLimitAnswers429() {
        // Starts with a full address allowance; a bucket refills completely within an hour.
        clock.advance(Duration.ofHours(2));
        PortalClient client = signedIn(TestSubscribers.create(directory, accounts));
        for (int i = 1; i <= 3; i++) {
            assertThat(send(client).statusCode()).as("send %d", i).isEqualTo(202);
        }

        HttpResponse<String> fourth = send(client);

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("\"code\":\"code_rate_limited\"");
        assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        assertThat(send(signedIn(TestSubscribers.create(directory, accounts))).statusCode())
                .as("another session").isEqualTo(202);
    }

    @Test
    void addressLimitAnswers429() {
        clock.advance(Duration.ofHours(2));
        for (int i = 1; i <= 8; i++) {
            PortalClient client = signedIn(TestSubscribers.create(directory, accounts));
            assertThat(client.postJson("/api/v1/stepup/code", CALL_RECORDS).statusCode()).as("send %d", i)
                    .isEqualTo(202);
        }

        HttpResponse<String> ninth = signedIn(TestSubscribers.create(directory, accounts))
                .postJson("/api/v1/stepup/code", CALL_RECORDS);

        assertThat(ninth.statusCode()).isEqualTo(429);
        assertThat(ninth.headers().firstValue("Retry-After")).isPresent();
    }

    /** Sends a code request, answering the CAPTCHA with the test key when the session has sent one before. */
    private static HttpResponse<String> send(PortalClient client) {
        HttpResponse<String> response = client.postJson("/api/v1/stepup/code", CALL_RECORDS);
        if (response.statusCode() != 400) {
            return response;
        }
        return client.postJson("/api/v1/stepup/code",
                "{\"purpose\": \"call-records\", \"captcha\": \"" + PortalClient.CAPTCHA_TEST_KEY + "\"}");
    }

    private PortalClient signedIn(Subscriber subscriber) {
        PortalClient client = new PortalClient(port, clock);
        HttpResponse<String> response = client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);
        assertThat(response.headers().firstValue("Location")).as("sign-in redirect")
                .hasValueSatisfying((location) -> assertThat(location).endsWith("/"));
        return client;
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
