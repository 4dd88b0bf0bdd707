package org.selfcare.sandbox.mail;

import java.time.Instant;
import java.util.List;

/**
 * One message as the mail sink received it.
 *
 * @param envelopeFrom the MAIL FROM address, empty for a null reverse-path
 * @param recipients the RCPT TO addresses, in the order given
 * @param subject the decoded Subject header, or null without one
 * @param text the first text/plain body part as received, usually with the line break that ends SMTP's DATA;
 *     null without such a part
 * @param receivedAt when the DATA command ended
 */
public record ReceivedMail(String envelopeFrom, List<String> recipients, String subject, String text,
                           Instant receivedAt) {

    public ReceivedMail {
        recipients = List.copyOf(recipients);
    }
}
