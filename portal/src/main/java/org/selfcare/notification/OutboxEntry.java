package org.selfcare.notification;

import java.time.Instant;

/**
 * A notification a node has claimed for one delivery attempt.
 *
 * @param id outbox id
 * @param channel how it travels
 * @param recipient E.164 number for SMS, e-mail address for EMAIL
 * @param subject subject line of an e-mail, null for SMS
 * @param body the text to send
 * @param confidential whether the body is erased once the notification is SENT or FAILED
 * @param attempt number of this attempt, starting at 1
 * @param createdAt when the notification was queued
 */
public record OutboxEntry(long id, Channel channel, String recipient, String subject, String body,
                          boolean confidential, int attempt, Instant createdAt) {

    @Override
    public String toString() {
        // The body may carry a one-time code or a password, so it never reaches a log line.
        return "OutboxEntry[id=" + id + ", channel=" + channel + ", attempt=" + attempt + "]";
    }
}
