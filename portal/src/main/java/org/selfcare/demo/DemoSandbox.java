package org.selfcare.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import org.selfcare.sandbox.inbox.InboxPage;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.payments.PaymentSandbox;
import org.selfcare.sandbox.smsc.Smsc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Runs the sandbox SMSC, mail sink and payment provider in the demo's process, on the loopback ports that
 * {@link DemoSandboxEnvironmentPostProcessor} chose, and the inbox page that lists what they received. The beans
 * exist before the notification channels start, so the first SMS finds the SMSC listening.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo & !command")
@ConditionalOnProperty(name = "selfcare.demo.sandbox.enabled", matchIfMissing = true)
class DemoSandbox {

    private static final Logger logger = LoggerFactory.getLogger(DemoSandbox.class);

    private static final String PROVIDER_CLIENT_BEAN = "paymentProviderClient";

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

    /**
     * The sandbox payment provider on {@code selfcare.demo.sandbox.payments-port}, with the secrets the
     * environment post-processor generated. It writes its certificate where the portal's client reads its trust
     * anchor, so the portal trusts exactly this provider.
     */
    @Bean(destroyMethod = "close")
    PaymentSandbox demoPaymentSandbox(@Value("${selfcare.demo.sandbox.payments-port}") int port,
            @Value("${selfcare.payment.provider.secret-key-file}") Path secretKeyFile,
            @Value("${selfcare.payment.provider.trust-certificate}") Path certificateFile) throws IOException {
        PaymentSandbox payments = PaymentSandbox.builder()
                .secretKey(Files.readString(secretKeyFile, StandardCharsets.UTF_8).strip())
                .port(port)
                .build();
        payments.start();
        Files.writeString(certificateFile, payments.certificatePem(), StandardCharsets.US_ASCII);
        return payments;
    }

    /** Creates the portal's provider client only after the sandbox wrote the certificate it trusts. */
    @Bean
    static BeanFactoryPostProcessor providerClientAfterDemoSandbox() {
        return (beanFactory) -> {
            if (beanFactory.containsBeanDefinition(PROVIDER_CLIENT_BEAN)) {
                beanFactory.getBeanDefinition(PROVIDER_CLIENT_BEAN).setDependsOn("demoPaymentSandbox");
            }
        };
    }

    /**
     * Sends the sandbox provider's webhooks to the demo's own HTTPS port, trusting only the certificate that port
     * presents, once the web server is up and its port known.
     */
    @EventListener
    void pointWebhooksAtPortal(WebServerInitializedEvent event) throws IOException, GeneralSecurityException {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return;
        }
        Environment environment = event.getApplicationContext().getEnvironment();
        PaymentSandbox payments = event.getApplicationContext().getBean(PaymentSandbox.class);
        Path webhookSecretFile = Path.of(environment.getRequiredProperty("selfcare.payment.provider.webhook-secret-file"));
        int port = event.getWebServer().getPort();
        payments.configureWebhooks(URI.create("https://127.0.0.1:" + port + "/payments/webhook"),
                Files.readString(webhookSecretFile, StandardCharsets.UTF_8).strip(),
                List.of(portalCertificate(environment, event.getApplicationContext())));
        logger.info("Demo payment provider: {} sends its webhooks to port {}", payments.apiBase(), port);
    }

    @EventListener(ApplicationReadyEvent.class)
    void announceInbox(ApplicationReadyEvent event) {
        InboxPage inbox = event.getApplicationContext().getBean(InboxPage.class);
        logger.info("Demo inbox: {} lists every SMS and e-mail the demo sent, newest first", inbox.url());
    }

    /** Returns the certificate the portal's HTTPS connector presents, from its configured keystore. */
    private static X509Certificate portalCertificate(Environment environment, ResourceLoader resources)
            throws IOException, GeneralSecurityException {
        KeyStore keystore = KeyStore.getInstance(environment.getProperty("server.ssl.key-store-type", "PKCS12"));
        try (InputStream in = resources.getResource(environment.getRequiredProperty("server.ssl.key-store"))
                .getInputStream()) {
            String password = environment.getProperty("server.ssl.key-store-password", "");
            keystore.load(in, password.toCharArray());
        }
        String alias = environment.getProperty("server.ssl.key-alias");
        if (alias == null) {
            alias = keystore.aliases().nextElement();
        }
        return (X509Certificate) keystore.getCertificate(alias);
    }
}
