package org.selfcare.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.RecordingSecurityLog;
import org.selfcare.support.TestClock;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-address throttling through the real form, with a limit of 3 identifiers per 10 minutes. The whole class
 * shares one client address, 127.0.0.1, so it has a single test that goes through every step in order.
 */
@PortalTest
@TestPropertySource(properties = { "selfcare.lockout.max-identifiers-per-address=3",
        "selfcare.lockout.address-window=PT10M" })
@Import(ThrottledSignInTests.Config.class)
class ThrottledSignInTests {

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

    @Test
    void manyIdentifiersFromOneAddressAreThrottled() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failure = signIn(TestSubscribers.unknownNumber(), "not-the-password");
            assertThat(failure.statusCode()).as("failure %d before the limit", i + 1).isEqualTo(302);
        }

        HttpResponse<String> throttled = signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("Too many failed sign-ins from your network");
        assertThat(securityLog.events(SecurityEventType.THROTTLED, subscriber.msisdnE164())).hasSize(1);

        clock.advance(Duration.ofMinutes(10));
        HttpResponse<String> afterWindow = signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);
        assertThat(afterWindow.statusCode()).isEqualTo(302);
        assertThat(afterWindow.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(URI.create(location).getPath()).isEqualTo("/"));
    }

    private HttpResponse<String> signIn(String msisdn, String password) {
        return new PortalClient(port).signIn(msisdn, password);
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
