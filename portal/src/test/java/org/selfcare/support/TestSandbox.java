package org.selfcare.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.payments.PaymentSandbox;
import org.selfcare.sandbox.smsc.Smsc;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The sandbox SMSC, mail sink and payment provider for {@link PortalTest} contexts: started once per test JVM on
 * free loopback ports and shared by every cached context, with the notification channels and the payment provider
 * settings pointed at them. Tests that stop the SMSC, take the provider down, hold its webhooks or add rejections
 * must undo that before they end.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSandbox {

    static final String SYSTEM_ID = "selfcare";

    static final String PASSWORD = "test-pw";

    private static Smsc smsc;

    private static MailSink mailSink;

    private static PaymentSandbox payments;

    private static Path paymentSecrets;

    /** The provider's secret key, as written to {@code selfcare.payment.provider.secret-key-file}. */
    public static final String PAYMENT_SECRET_KEY = "sk_test_portal_tests_5f2c9a81";

    /** The webhook signing secret, as written to {@code selfcare.payment.provider.webhook-secret-file}. */
    public static final String WEBHOOK_SECRET = "whsec_portal_tests_7d41be06";

    private static synchronized void startOnce() {
        if (smsc != null) {
            return;
        }
        try {
            smsc = Smsc.builder().systemId(SYSTEM_ID).password(PASSWORD).port(0).build();
            smsc.start();
            mailSink = MailSink.builder().port(0).startTls(true).build();
            mailSink.start();
            payments = PaymentSandbox.builder().secretKey(PAYMENT_SECRET_KEY).port(0)
                    .webhookRetryDelay(Duration.ofMillis(200)).webhookMaxAttempts(5).build();
            payments.start();
            paymentSecrets = Files.createTempDirectory("selfcare-test-payments");
            Files.writeString(paymentSecrets.resolve("secret-key"), PAYMENT_SECRET_KEY, StandardCharsets.UTF_8);
            Files.writeString(paymentSecrets.resolve("webhook-secret"), WEBHOOK_SECRET, StandardCharsets.UTF_8);
            Files.writeString(paymentSecrets.resolve("provider.pem"), payments.certificatePem(),
                    StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the sandbox SMSC, mail sink and payment provider", ex);
        }
    }

    /** Shared across contexts, so closing one context must not stop it. */
    @Bean(destroyMethod = "")
    Smsc testSmsc() {
        startOnce();
        return smsc;
    }

    @Bean(destroyMethod = "")
    MailSink testMailSink() {
        startOnce();
        return mailSink;
    }

    /**
     * Points the payment provider settings at the sandbox provider. They must exist before the bean definitions
     * are read, because the provider's configuration is conditional on {@code api-base}, so this runs as a
     * context initializer, earlier than a {@link DynamicPropertyRegistrar}.
     */
    public static final class PaymentProperties
            implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        /** Set to {@code false} with {@code @TestPropertySource} for a portal without a payment provider. */
        public static final String ENABLED_PROPERTY = "selfcare.test.payment-provider";

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            if (!context.getEnvironment().getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
                return;
            }
            startOnce();
            Map<String, Object> settings = new HashMap<>();
            settings.put("selfcare.payment.provider.api-base", payments.apiBase());
            settings.put("selfcare.payment.provider.secret-key-file", paymentSecrets.resolve("secret-key").toString());
            settings.put("selfcare.payment.provider.webhook-secret-file",
                    paymentSecrets.resolve("webhook-secret").toString());
            settings.put("selfcare.payment.provider.trust-certificate",
                    paymentSecrets.resolve("provider.pem").toString());
            settings.put("selfcare.payment.provider.poll-after", "PT1S");
            settings.put("selfcare.payment.provider.poll-interval", "PT0.25S");
            settings.put("selfcare.payment.provider.poll-max-delay", "PT2S");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testPaymentSandbox",
                    settings));
        }
    }

    /** Shared across contexts, like the SMSC. */
    @Bean(destroyMethod = "")
    PaymentSandbox testPaymentSandbox() {
        startOnce();
        return payments;
    }

    /**
     * Sends the payment sandbox's webhooks to the portal on {@code port}, trusting only the portal's generated
     * certificate. Contexts run on different ports, so each test that expects webhooks calls this first.
     */
    public static void pointWebhooksAt(int port) {
        startOnce();
        payments.configureWebhooks(URI.create("https://127.0.0.1:" + port + "/payments/webhook"), WEBHOOK_SECRET,
                List.of(portalCertificate()));
    }

    private static X509Certificate portalCertificate() {
        Path dataDir = Path.of(System.getProperty("selfcare.data-dir", "data"));
        try (InputStream in = Files.newInputStream(dataDir.resolve("keystore.p12"))) {
            char[] password = Files.readString(dataDir.resolve("keystore.password")).strip().toCharArray();
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, password);
            return (X509Certificate) keystore.getCertificate("tls");
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot read the portal's certificate in " + dataDir, ex);
        }
    }

    /**
     * Points the channels at the sandbox, with retry and reconnect delays short enough for tests that stop the
     * SMSC or make it reject requests. The poll interval is long, so a test that a notification leaves within a
     * second shows that the commit woke the dispatcher.
     */
    @Bean
    DynamicPropertyRegistrar sandboxProperties() {
        return (registry) -> {
            startOnce();
            registry.add("selfcare.notification.sms.host", () -> "127.0.0.1");
            registry.add("selfcare.notification.sms.port", smsc::port);
            registry.add("selfcare.notification.sms.system-id", () -> SYSTEM_ID);
            registry.add("selfcare.notification.sms.password", () -> PASSWORD);
            registry.add("selfcare.notification.sms.reconnect-min-delay", () -> "PT0.05S");
            registry.add("selfcare.notification.sms.reconnect-max-delay", () -> "PT0.5S");
            registry.add("selfcare.notification.sms.response-timeout", () -> "PT5S");
            registry.add("selfcare.notification.retry-min-delay", () -> "PT0.05S");
            registry.add("selfcare.notification.retry-max-delay", () -> "PT1S");
            registry.add("selfcare.notification.max-attempts", () -> "1000");
            registry.add("selfcare.notification.poll-interval", () -> "PT10S");
            registry.add("spring.mail.host", () -> "127.0.0.1");
            registry.add("spring.mail.port", mailSink::port);
            registry.add("spring.mail.properties.mail.smtp.ssl.trust", () -> "127.0.0.1");
        };
    }
}
