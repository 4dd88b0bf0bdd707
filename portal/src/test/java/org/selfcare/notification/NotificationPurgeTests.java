package org.selfcare.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hourly purge with the default retention of 90 days. Finished notifications and receipts older than that go,
 * with their SMS parts. A notification still in delivery stays, and so does anything younger.
 */
@PortalTest
class NotificationPurgeTests {

    static final Duration OLD = Duration.ofDays(91);

    static final Duration RECENT = Duration.ofDays(89);

    @Autowired
    NotificationPurge purge;

    @Autowired
    JdbcClient jdbc;

    @Test
    void oldFinishedNotificationsGo() {
        long sent = notification("SENT", OLD);
        long failed = notification("FAILED", OLD);
        String messageId = part(sent);
        receipt(messageId, OLD);

        purge.purge();

        assertThat(exists("notification", "id", sent)).isFalse();
        assertThat(exists("notification", "id", failed)).isFalse();
        assertThat(exists("notification_part", "smsc_message_id", messageId)).isFalse();
        assertThat(exists("notification_receipt", "smsc_message_id", messageId)).isFalse();
    }

    @Test
    void recentAndUnfinishedNotificationsStay() {
        long recent = notification("SENT", RECENT);
        long sending = notification("SENDING", OLD);
        String messageId = part(recent);
        receipt(messageId, RECENT);

        purge.purge();

        assertThat(exists("notification", "id", recent)).isTrue();
        assertThat(exists("notification", "id", sending)).as("in delivery").isTrue();
        assertThat(exists("notification_part", "smsc_message_id", messageId)).isTrue();
        assertThat(exists("notification_receipt", "smsc_message_id", messageId)).isTrue();
    }

    /**
     * Stores a notification queued {@code age} ago. A SENDING row's lease never ends, so no dispatcher of a test
     * context claims it during the test. No PENDING row is stored: every dispatcher fails one that is older than
     * its maximum age at once.
     */
    private long notification(String status, Duration age) {
        Timestamp created = Timestamp.from(Instant.now().minus(age));
        return jdbc.sql("""
                INSERT INTO notification (channel, recipient, body, confidential, status, attempts, next_attempt_at,
                                          lease_until, created_at, sent_at, failed_at)
                VALUES ('SMS', '+447700900298', 'Purge test', false, :status, 1, :created,
                        CASE WHEN :status::text = 'SENDING' THEN 'infinity'::timestamptz END, :created,
                        CASE WHEN :status::text = 'SENT' THEN :created::timestamptz END,
                        CASE WHEN :status::text = 'FAILED' THEN :created::timestamptz END)
                RETURNING id""")
                .param("status", status)
                .param("created", created)
                .query(Long.class)
                .single();
    }

    private String part(long notificationId) {
        String messageId = "purge-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO notification_part (notification_id, part_number, smsc_message_id) VALUES (?, 1, ?)")
                .params(notificationId, messageId)
                .update();
        return messageId;
    }

    private void receipt(String messageId, Duration age) {
        jdbc.sql("INSERT INTO notification_receipt (smsc_message_id, state, received_at) VALUES (?, 'DELIVRD', ?)")
                .params(messageId, Timestamp.from(Instant.now().minus(age)))
                .update();
    }

    private boolean exists(String table, String column, Object value) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?")
                .param(value)
                .query(Long.class)
                .single() > 0;
    }
}
