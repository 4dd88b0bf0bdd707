package org.selfcare.conformance.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.selfcare.conformance.evidence.Redactor;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.payments.PaymentSandbox;
import org.selfcare.sandbox.smsc.Smsc;
import org.selfcare.sandbox.tls.SelfSignedTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMSC, the mail sink and the payment provider sandbox the kit runs on 127.0.0.1 for the duration of a run,
 * when the profile has an {@code sms:}, {@code mail:} or {@code payment:} section. The deployment under test,
 * configured by the operator to use them, sends its codes and initial passwords there and takes its payments
 * there, and cases read what arrived and what the provider recorded.
 */
public final class KitInboxes implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(KitInboxes.class);

    private final Optional<Smsc> smsc;

    private final Optional<MailSink> mail;

    private final Optional<TargetProfile.Sms> smsSettings;

    private final Optional<PaymentSandbox> payments;

    private KitInboxes(Optional<Smsc> smsc, Optional<MailSink> mail, Optional<TargetProfile.Sms> smsSettings,
            Optional<PaymentSandbox> payments) {
        this.smsc = smsc;
        this.mail = mail;
        this.smsSettings = smsSettings;
        this.payments = payments;
    }

    /**
     * Starts the SMSC, mail sink and payment sandbox the profile configures. Without {@code sms:}, {@code mail:}
     * and {@code payment:} sections nothing is started. The payment sandbox queues its notifications until
     * {@link #sendPaymentNotifications} names where they go.
     *
     * @throws InboxStartException when a port is in use or cannot be bound
     */
    public static KitInboxes start(TargetProfile profile) {
        Smsc smsc = null;
        MailSink mail = null;
        PaymentSandbox payments = null;
        String starting = "";
        try {
            if (profile.sms().isPresent()) {
                TargetProfile.Sms settings = profile.sms().get();
                starting = "the kit's SMSC on sms.port " + settings.port();
                smsc = Smsc.builder()
                        .systemId(settings.systemId())
                        .password(settings.password())
                        .port(settings.port())
                        .build();
                smsc.start();
                logger.info("Kit SMSC listening for SMPP on 127.0.0.1:{} with system id {}", smsc.port(),
                        settings.systemId());
            }
            if (profile.mail().isPresent()) {
                starting = "the kit's mail sink on mail.port " + profile.mail().get().port();
                mail = MailSink.builder().port(profile.mail().get().port()).startTls(true).build();
                mail.start();
                logger.info("Kit mail sink listening for SMTP on 127.0.0.1:{}", mail.port());
            }
            if (profile.payment().isPresent()) {
                starting = "the kit's payment sandbox on payment.port " + profile.payment().get().port();
                PaymentSandbox.Builder builder = PaymentSandbox.builder()
                        .secretKey(profile.payment().get().secretKey())
                        .port(profile.payment().get().port());
                if (profile.payment().get().keystore().isPresent()) {
                    builder.tls(keystoreTls(profile.payment().get()));
                }
                payments = builder.build();
                payments.start();
                logger.info("Kit payment sandbox listening for HTTPS on {}", payments.apiBase());
            }
        }
        catch (IOException | RuntimeException ex) {
            if (smsc != null) {
                smsc.stop();
            }
            if (mail != null) {
                mail.stop();
            }
            throw new InboxStartException("cannot start " + starting + " (" + ex.getMessage()
                    + "); choose a free port or 0 for any free one");
        }
        return new KitInboxes(Optional.ofNullable(smsc), Optional.ofNullable(mail), profile.sms(),
                Optional.ofNullable(payments));
    }

    /**
     * Reads the identity the payment sandbox presents from {@code payment.keystore}.
     */
    private static SelfSignedTls keystoreTls(TargetProfile.Payment settings) throws IOException {
        char[] password = settings.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(settings.keystore().get())) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            return SelfSignedTls.fromKeyStore(keyStore, password);
        }
        catch (IOException | GeneralSecurityException ex) {
            // KeyStore.load reports a wrong password and a file of another format alike, as an IOException.
            throw new IOException("payment.keystore " + settings.keystore().get() + " is not a PKCS12 file with a "
                    + "key that payment.keystore-password opens", ex);
        }
    }

    /**
     * Returns inboxes that hold nothing, for a run whose profile has neither section.
     */
    public static KitInboxes none() {
        return new KitInboxes(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Returns the SMS inbox for one case, which adds every code and password it reads to {@code redactor}.
     */
    public Optional<SmsInbox> sms(Redactor redactor) {
        if (smsc.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SmsInbox(smsc.get(), smsSettings.get(), redactor));
    }

    /** Returns the SMPP port of the kit's SMSC, while it runs. */
    public Optional<Integer> smppPort() {
        return smsc.map(Smsc::port);
    }

    /** Returns the SMTP port of the kit's mail sink, while it runs. */
    public Optional<Integer> smtpPort() {
        return mail.map(MailSink::port);
    }

    /** Returns the kit's mail sink, while it runs. */
    public Optional<MailSink> mail() {
        return mail;
    }

    /** Returns the kit's payment provider sandbox, while it runs. */
    public Optional<PaymentSandbox> payments() {
        return payments;
    }

    /**
     * Sends the payment sandbox's notifications to {@code endpoint}, signed with the profile's webhook secret,
     * trusting {@code trustAnchors} for the endpoint's certificate (empty for the JVM's trust store).
     */
    public void sendPaymentNotifications(URI endpoint, String secret, List<X509Certificate> trustAnchors) {
        payments.ifPresent((sandbox) -> {
            sandbox.configureWebhooks(endpoint, secret, trustAnchors);
            logger.info("Kit payment sandbox sends its notifications to {}", endpoint);
        });
    }

    @Override
    public void close() {
        smsc.ifPresent(Smsc::stop);
        mail.ifPresent(MailSink::stop);
        payments.ifPresent(PaymentSandbox::close);
    }

    /**
     * Thrown when the SMSC, the mail sink or the payment sandbox cannot start.
     */
    public static final class InboxStartException extends RuntimeException {

        public InboxStartException(String message) {
            super(message);
        }
    }
}
