package org.selfcare.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.selfcare.notification.Message;
import org.selfcare.notification.Notifications;
import org.selfcare.platform.LoopbackPorts;
import org.selfcare.account.Money;
import org.selfcare.notification.sms.SmsProperties;
import org.selfcare.purchase.PayableOrder;
import org.selfcare.purchase.PaymentProvider;
import org.selfcare.purchase.ProviderCheckout;
import org.selfcare.sandbox.payments.PaymentSandbox;
import org.selfcare.sandbox.payments.RecordedWebhook;
import org.selfcare.sandbox.inbox.InboxPage;
import org.selfcare.sandbox.smsc.Smsc;
import org.selfcare.support.DemoPortalTest;
import org.selfcare.support.TestInbox;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's in-process sandbox: the notification channels point at it and the inbox page lists what it got.
 */
@DemoPortalTest
class DemoSandboxTests {

    @Autowired
    Notifications notifications;

    @Autowired
    Smsc smsc;

    @Autowired
    InboxPage inboxPage;

    @Autowired
    SmsProperties smsProperties;

    @Autowired
    TestInbox inbox;

    @Autowired
    PaymentProvider paymentProvider;

    @Autowired
    PaymentSandbox paymentSandbox;

    @LocalServerPort
    int port;

    @Test
    void smsReachesSandboxAndInboxPage() throws Exception {
        Instant since = Instant.now();
        notifications.sms("+447700900301", Locale.UK, Message.of("error.status", "<demo-code 4711>"));

        assertThat(inbox.awaitSms("+447700900301", since)).isEqualTo("Error <demo-code 4711>");
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(inboxPage.url())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Error &lt;demo-code 4711&gt;", "+447700900301");
    }

    @Test
    void channelsPointAtLoopbackSandbox() {
        assertThat(smsProperties.host()).isEqualTo("127.0.0.1");
        assertThat(smsProperties.port()).isEqualTo(smsc.port());
        assertThat(inboxPage.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void sandboxPortsAreBelowEphemeralRange() {
        assertThat(smsc.port()).isBetween(20_000, LoopbackPorts.ephemeralStart() - 1);
    }

    @Test
    void disabledSandboxLeavesSettingsAlone() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("selfcare.demo.sandbox.enabled", "false")
                .withProperty("selfcare.notification.sms.host", "smsc.operator.example");
        environment.setActiveProfiles("demo");

        new DemoSandboxEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(DemoSandboxEnvironmentPostProcessor.PROPERTY_SOURCE))
                .isFalse();
        assertThat(environment.getProperty("selfcare.notification.sms.host")).isEqualTo("smsc.operator.example");
    }

    @Test
    void enabledSandboxOverridesSettings() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("selfcare.notification.sms.host", "smsc.operator.example");
        environment.setActiveProfiles("demo");

        new DemoSandboxEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("selfcare.notification.sms.host")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("spring.mail.host")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("selfcare.notification.sms.password")).hasSize(8);
    }

    @Test
    void productionProfileGetsNoSandbox() {
        MockEnvironment environment = new MockEnvironment();

        new DemoSandboxEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(DemoSandboxEnvironmentPostProcessor.PROPERTY_SOURCE))
                .isFalse();
    }

    @Test
    void paymentProviderIsTheSandbox() throws Exception {
        // The demo database outlives test runs, and each order gets one provider payment, so the id is new each run.
        long orderId = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        PayableOrder order = new PayableOrder(orderId, "SC-DEMO0001", 1L, Money.of(500, "GBP"));

        ProviderCheckout checkout = paymentProvider.checkout(order, "https://127.0.0.1:" + port + "/orders/SC-DEMO0001");

        assertThat(checkout.redirectUrl()).isEqualTo(paymentSandbox.apiBase() + "/pay/" + checkout.paymentReference());
        assertThat(paymentSandbox.paymentIntent(checkout.paymentReference()).orElseThrow().amount()).isEqualTo(500);
        paymentProvider.cancel(order.orderId());
        assertThat(paymentSandbox.paymentIntent(checkout.paymentReference()).orElseThrow().status())
                .isEqualTo("canceled");
        // The cancellation's webhook reaches the demo's own port over HTTPS and is accepted.
        RecordedWebhook delivered = null;
        for (int i = 0; i < 200 && delivered == null; i++) {
            delivered = paymentSandbox.records().webhooksFor(checkout.paymentReference()).stream()
                    .filter(RecordedWebhook::delivered).findFirst().orElse(null);
            Thread.sleep(50);
        }
        assertThat(delivered).as("webhook delivered to the demo").isNotNull();
        assertThat(delivered.endpoint()).isEqualTo("https://127.0.0.1:" + port + "/payments/webhook");
    }
}
