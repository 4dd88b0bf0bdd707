package org.selfcare.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues SMS and e-mail for delivery. A notification is written to the outbox in the caller's transaction, so it
 * is sent if and only if the change it reports commits. Delivery starts right after the commit, with retries.
 */
@Service
public class Notifications {

    private final JdbcClient jdbc;

    private final MessageSource messages;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    Notifications(JdbcClient jdbc, MessageSource messages, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Queues an SMS.
     *
     * @param recipient phone number in E.164 form
     * @param locale language of the text
     * @param text the message body
     * @return the outbox id of the notification
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long sms(String recipient, Locale locale, Message text) {
        Objects.requireNonNull(recipient, "recipient must not be null");
        String body = render(text, locale);
        return insert(Channel.SMS, recipient, null, body, text.confidential());
    }

    /**
     * Queues an e-mail with a plain-text body.
     *
     * @param recipient e-mail address
     * @param locale language of the subject and body
     * @param subject the subject line
     * @param text the message body
     * @return the outbox id of the notification
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long email(String recipient, Locale locale, Message subject, Message text) {
        Objects.requireNonNull(recipient, "recipient must not be null");
        return insert(Channel.EMAIL, recipient, render(subject, locale), render(text, locale),
                subject.confidential() || text.confidential());
    }

    private String render(Message message, Locale locale) {
        return messages.getMessage(message.key(), message.arguments().toArray(), locale);
    }

    private long insert(Channel channel, String recipient, String subject, String body, boolean confidential) {
        Timestamp now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                INSERT INTO notification (channel, recipient, subject, body, confidential, status, attempts,
                                          next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) RETURNING id""")
                .params(channel.name(), recipient, subject, body, confidential, now, now)
                .query(Long.class)
                .single();

        // Wakes the dispatcher after the commit; a rolled-back row never exists, so it is never sent.
        events.publishEvent(new NotificationQueued(id));
        return id;
    }
}
