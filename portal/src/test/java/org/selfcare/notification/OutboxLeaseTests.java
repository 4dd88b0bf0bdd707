package org.selfcare.notification;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attempt that outlives its lease can be taken over by another node. Only the latest attempt to claim the row
 * records an outcome. The late one records nothing, so it neither adds SMS parts to a row another attempt marked
 * SENT nor reopens a row another attempt is sending.
 */
@PortalTest
class OutboxLeaseTests {

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Test
    void lateSentAttemptRecordsNothing() {
        OutboxEntry late = claimedEntry();
        OutboxEntry current = takeOver(late);

        assertThat(outbox.markSent(current, List.of("current-1", "current-2"), Instant.now())).isTrue();
        assertThat(outbox.markSent(late, List.of("late-1"), Instant.now())).isFalse();

        assertThat(status(late)).isEqualTo("SENT");
        assertThat(parts(late)).containsExactly("current-1", "current-2");
    }

    @Test
    void lateSentAttemptLeavesCurrentOneToRecord() {
        OutboxEntry late = claimedEntry();
        OutboxEntry current = takeOver(late);

        assertThat(outbox.markSent(late, List.of("late-1"), Instant.now())).isFalse();

        assertThat(status(late)).isEqualTo("SENDING");
        assertThat(parts(late)).isEmpty();
        assertThat(outbox.markSent(current, List.of("current-1"), Instant.now())).isTrue();
        assertThat(parts(late)).containsExactly("current-1");
    }

    @Test
    void lateFailureDoesNotReopenRow() {
        OutboxEntry late = claimedEntry();
        takeOver(late);

        assertThat(outbox.scheduleRetry(late, Instant.now(), "link down")).isFalse();
        assertThat(outbox.markFailed(late, "recipient refused", Instant.now())).isFalse();

        assertThat(status(late)).isEqualTo("SENDING");
        assertThat(jdbc.sql("SELECT last_error IS NULL FROM notification WHERE id = ?").param(late.id())
                .query(Boolean.class).single()).as("no error recorded").isTrue();
    }

    @Test
    void holdingAttemptRecordsRetry() {
        OutboxEntry entry = claimedEntry();

        assertThat(outbox.scheduleRetry(entry, Instant.now(), "link down")).isTrue();

        assertThat(status(entry)).isEqualTo("PENDING");
    }

    /**
     * Stores a notification as a node's first attempt claimed it. The lease never ends, so no dispatcher of a test
     * context, some of which run on clocks moved days ahead, claims the row while the test plays both nodes.
     */
    private OutboxEntry claimedEntry() {
        long id = jdbc.sql("""
                INSERT INTO notification (channel, recipient, body, confidential, status, attempts, next_attempt_at,
                                          lease_until, created_at)
                VALUES ('SMS', '+447700900299', 'Lease test', false, 'SENDING', 1, now(), 'infinity', now())
                RETURNING id""")
                .query(Long.class)
                .single();
        return new OutboxEntry(id, Channel.SMS, "+447700900299", null, "Lease test", false, 1, Instant.now());
    }

    /** Counts the attempt of another node that claims the row, as a claim after the lease expired does. */
    private OutboxEntry takeOver(OutboxEntry late) {
        jdbc.sql("UPDATE notification SET attempts = attempts + 1 WHERE id = ?").param(late.id()).update();
        return new OutboxEntry(late.id(), late.channel(), late.recipient(), late.subject(), late.body(),
                late.confidential(), late.attempt() + 1, late.createdAt());
    }

    private String status(OutboxEntry entry) {
        return jdbc.sql("SELECT status FROM notification WHERE id = ?").param(entry.id()).query(String.class).single();
    }

    private List<String> parts(OutboxEntry entry) {
        return jdbc.sql("SELECT smsc_message_id FROM notification_part WHERE notification_id = ? ORDER BY part_number")
                .param(entry.id())
                .query(String.class)
                .list();
    }
}
