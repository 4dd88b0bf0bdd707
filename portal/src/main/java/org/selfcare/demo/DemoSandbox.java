package org.selfcare.demo;

import java.io.IOException;

import org.selfcare.sandbox.inbox.InboxPage;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.smsc.Smsc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;

/**
 * Runs the sandbox SMSC and mail sink in the demo's process, on the loopback ports that
 * {@link DemoSandboxEnvironmentPostProcessor} chose, and the inbox page that lists what they received. The beans
 * exist before the notification channels start, so the first SMS finds the SMSC listening.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo & !command")
@ConditionalOnProperty(name = "selfcare.demo.sandbox.enabled", matchIfMissing = true)
class DemoSandbox {

    private static final Logger logger = LoggerFactory.getLogger(DemoSandbox.class);

    @Bean(destroyMethod = "stop")
    Smsc demoSmsc(@Value("${selfcare.demo.sandbox.smpp-port}") int port,
            @Value("${selfcare.notification.sms.password}") String password) throws IOException {
        Smsc smsc = Smsc.builder()
                .systemId(DemoSandboxEnvironmentPostProcessor.SYSTEM_ID)
                .password(password)
                .port(port)
                .build();
        smsc.start();
        return smsc;
    }

    @Bean(destroyMethod = "stop")
    MailSink demoMailSink(@Value("${selfcare.demo.sandbox.smtp-port}") int port) throws IOException {
        MailSink mailSink = MailSink.builder().port(port).startTls(true).build();
        mailSink.start();
        return mailSink;
    }

    /**
     * The inbox page on {@code selfcare.demo.sandbox.inbox-port} of 127.0.0.1, default 0 for a free port. It is
     * served by the sandbox, outside the portal's web server and its sign-in.
     */
    @Bean(destroyMethod = "stop")
    InboxPage demoInboxPage(Smsc smsc, MailSink mailSink,
            @Value("${selfcare.demo.sandbox.inbox-port:0}") int port) throws IOException {
        InboxPage inbox = new InboxPage(smsc, mailSink, port);
        inbox.start();
        return inbox;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announceInbox(ApplicationReadyEvent event) {
        InboxPage inbox = event.getApplicationContext().getBean(InboxPage.class);
        logger.info("Demo inbox: {} lists every SMS and e-mail the demo sent, newest first", inbox.url());
    }
}
