package org.selfcare.notification.mail;

import java.util.List;

import org.selfcare.notification.Channel;
import org.selfcare.notification.Delivery;
import org.selfcare.notification.NotificationSender;
import org.selfcare.notification.OutboxEntry;

import org.springframework.context.annotation.Profile;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import jakarta.mail.SendFailedException;

/**
 * Sends e-mail notifications as plain text through the SMTP relay of {@code spring.mail.*}.
 */
@Component
@Profile("!command")
class EmailSender implements NotificationSender {

    private final JavaMailSender mailSender;

    private final MailProperties properties;

    EmailSender(JavaMailSender mailSender, MailProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Delivery deliver(OutboxEntry entry) {
        if (entry.body() == null) {
            return new Delivery.Rejected("the body was erased before the e-mail was sent");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(entry.recipient());
        message.setSubject(entry.subject());
        message.setText(entry.body());
        try {
            mailSender.send(message);
            return new Delivery.Sent(List.of());
        }
        catch (MailParseException | MailPreparationException ex) {
            return new Delivery.Rejected("the e-mail could not be built: " + ex.getMessage());
        }
        catch (MailAuthenticationException ex) {
            return new Delivery.RetryLater("the SMTP relay rejected the credentials in spring.mail.username and "
                    + "spring.mail.password");
        }
        catch (MailSendException ex) {
            if (recipientRejectedForGood(ex)) {
                return new Delivery.Rejected("the SMTP relay rejected the recipient for good: " + ex.getMessage());
            }
            return new Delivery.RetryLater("sending through the SMTP relay failed: " + ex.getMessage());
        }
        catch (MailException ex) {
            return new Delivery.RetryLater("sending through the SMTP relay failed: " + ex.getMessage());
        }
    }

    /**
     * Returns whether the relay rejected a recipient with a 5xx reply to RCPT TO. Jakarta Mail lists such
     * recipients as invalid addresses of a SendFailedException, and those that got a 4xx reply as valid but unsent.
     */
    private static boolean recipientRejectedForGood(MailSendException ex) {
        for (Exception failure : ex.getMessageExceptions()) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                        && sendFailed.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
