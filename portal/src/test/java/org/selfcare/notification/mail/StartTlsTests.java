package org.selfcare.notification.mail;

import java.time.Instant;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.notification.Channel;
import org.selfcare.notification.Delivery;
import org.selfcare.notification.OutboxEntry;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's mail settings require STARTTLS: a relay that does not offer it gets nothing, not even in clear
 * text.
 */
@PortalTest
class StartTlsTests {

    @Autowired
    JavaMailSender portalMailSender;

    @Autowired
    MailProperties mailProperties;

    private MailSink plainSink;

    @BeforeEach
    void startPlainSink() throws Exception {
        plainSink = MailSink.builder().port(0).startTls(false).build();
        plainSink.start();
    }

    @AfterEach
    void stopPlainSink() {
        plainSink.stop();
    }

    @Test
    void relayWithoutStartTlsGetsNothing() {
        EmailSender sender = new EmailSender(mailSenderFor(plainSink.port()), mailProperties);

        Delivery delivery = sender.deliver(entry("carol.tls@example.org", "Initial password: secret-1"));

        assertThat(delivery).isInstanceOf(Delivery.RetryLater.class);
        assertThat(((Delivery.RetryLater) delivery).reason()).containsIgnoringCase("STARTTLS");
        assertThat(plainSink.messages()).isEmpty();
    }

    @Test
    void relayWithStartTlsGetsTheMail() throws Exception {
        try (MailSink tlsSink = MailSink.builder().port(0).startTls(true).build()) {
            tlsSink.start();
            EmailSender sender = new EmailSender(mailSenderFor(tlsSink.port()), mailProperties);

            Delivery delivery = sender.deliver(entry("dave.tls@example.org", "Hello over TLS"));

            assertThat(delivery).isInstanceOf(Delivery.Sent.class);
            assertThat(tlsSink.messagesTo("dave.tls@example.org")).hasSize(1);
        }
    }

    /**
     * Returns a sender with the portal's JavaMail settings, STARTTLS required among them, aimed at another port.
     */
    private JavaMailSender mailSenderFor(int port) {
        JavaMailSenderImpl portal = (JavaMailSenderImpl) portalMailSender;
        assertThat(portal.getJavaMailProperties()).containsEntry("mail.smtp.starttls.required", "true");
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties properties = new Properties();
        properties.putAll(portal.getJavaMailProperties());
        sender.setJavaMailProperties(properties);
        return sender;
    }

    private static OutboxEntry entry(String recipient, String body) {
        return new OutboxEntry(1, Channel.EMAIL, recipient, "Subject", body, true, 1, Instant.now());
    }
}
