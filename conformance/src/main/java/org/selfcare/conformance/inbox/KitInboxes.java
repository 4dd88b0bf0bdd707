package org.selfcare.conformance.inbox;

import java.io.IOException;
import java.util.Optional;

import org.selfcare.conformance.evidence.Redactor;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.smsc.Smsc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMSC and the mail sink the kit runs on 127.0.0.1 for the duration of a run, when the profile has an
 * {@code sms:} or {@code mail:} section. The deployment under test, configured by the operator to deliver there,
 * sends its codes and initial passwords to them, and cases read what arrived.
 */
public final class KitInboxes implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(KitInboxes.class);

    private final Optional<Smsc> smsc;

    private final Optional<MailSink> mail;

    private final Optional<TargetProfile.Sms> smsSettings;

    private KitInboxes(Optional<Smsc> smsc, Optional<MailSink> mail, Optional<TargetProfile.Sms> smsSettings) {
        this.smsc = smsc;
        this.mail = mail;
        this.smsSettings = smsSettings;
    }

    /**
     * Starts the SMSC and mail sink the profile configures. Without {@code sms:} and {@code mail:} sections nothing is started.
     *
     * @throws InboxStartException when a port is in use or cannot be bound
     */
    public static KitInboxes start(TargetProfile profile) {
        Smsc smsc = null;
        MailSink mail = null;
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
        }
        catch (IOException | RuntimeException ex) {
            if (smsc != null) {
                smsc.stop();
            }
            throw new InboxStartException("cannot start " + starting + " (" + ex.getMessage()
                    + "); choose a free port or 0 for any free one");
        }
        return new KitInboxes(Optional.ofNullable(smsc), Optional.ofNullable(mail), profile.sms());
    }

    /**
     * Returns inboxes that hold nothing, for a run whose profile has neither section.
     */
    public static KitInboxes none() {
        return new KitInboxes(Optional.empty(), Optional.empty(), Optional.empty());
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

    @Override
    public void close() {
        smsc.ifPresent(Smsc::stop);
        mail.ifPresent(MailSink::stop);
    }

    /**
     * Thrown when the SMSC or the mail sink cannot start.
     */
    public static final class InboxStartException extends RuntimeException {

        public InboxStartException(String message) {
            super(message);
        }
    }
}
