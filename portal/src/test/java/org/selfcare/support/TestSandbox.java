package org.selfcare.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.smsc.Smsc;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The sandbox SMSC and mail sink for {@link PortalTest} contexts: started once per test JVM on free loopback
 * ports and shared by every cached context, with the notification channels pointed at them. Tests that stop the
 * SMSC or add rejections must undo that before they end.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSandbox {

    static final String SYSTEM_ID = "selfcare";

    static final String PASSWORD = "test-pw";

    private static Smsc smsc;

    private static MailSink mailSink;

    private static synchronized void startOnce() {
        if (smsc != null) {
            return;
        }
        try {
            smsc = Smsc.builder().systemId(SYSTEM_ID).password(PASSWORD).port(0).build();
            smsc.start();
            mailSink = MailSink.builder().port(0).startTls(true).build();
            mailSink.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the sandbox SMSC and mail sink", ex);
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
