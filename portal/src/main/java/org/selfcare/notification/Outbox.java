package org.selfcare.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox table's delivery side: claiming due notifications and recording the outcome of each attempt.
 */
@Repository
public class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims up to {@code limit} due notifications for this node: PENDING rows whose next attempt is due, and
     * SENDING rows whose lease has expired because the node that claimed them stopped. {@code FOR UPDATE SKIP
     * LOCKED} lets several nodes claim at the same time without taking the same row, and the lease keeps the row
     * away from other nodes while this one sends it. Only rows of {@code channels} are claimed.
     */
    List<OutboxEntry> claim(int limit, Instant now, Instant leaseUntil, Set<Channel> channels) {
        return jdbc.sql("""
                UPDATE notification SET status = 'SENDING', lease_until = :leaseUntil, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM notification
                    WHERE ((status = 'PENDING' AND next_attempt_at <= :now)
                           OR (status = 'SENDING' AND lease_until <= :now))
                      AND channel IN (:channels)
                    ORDER BY next_attempt_at, id
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, channel, recipient, subject, body, confidential, attempts, created_at""")
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .param("channels", names(channels))
                .query(Outbox::entry)
                .list()
                .stream()
                .sorted((left, right) -> Long.compare(left.id(), right.id()))
                .toList();
    }

    /** Returns when the earliest PENDING notification of {@code channels} is due, if there is one. */
    Optional<Instant> nextDueAt(Set<Channel> channels) {
        return Optional.ofNullable(jdbc.sql("""
                SELECT min(next_attempt_at) FROM notification WHERE status = 'PENDING' AND channel IN (:channels)""")
                .param("channels", names(channels))
                .query(Timestamp.class)
                .single())
                .map(Timestamp::toInstant);
    }

    /**
     * Marks PENDING notifications queued before {@code queuedBefore} FAILED and erases their confidential bodies.
     * This catches rows that no node could claim, because their channel was down on every node.
     *
     * @return the ids of the rows it marked
     */
    List<Long> failExpired(Instant queuedBefore, Instant failedAt) {
        return jdbc.sql("""
                UPDATE notification
                SET status = 'FAILED', failed_at = ?, last_error = 'not sent within the maximum age',
                    body = CASE WHEN confidential THEN NULL ELSE body END
                WHERE status = 'PENDING' AND created_at < ?
                RETURNING id""")
                .params(Timestamp.from(failedAt), Timestamp.from(queuedBefore))
                .query(Long.class)
                .list();
    }

    /**
     * Marks a notification SENT, stores the SMSC message id of each part and erases a confidential body. Like every
     * outcome, it is recorded only if no later attempt claimed the row: an attempt that outlived its lease may have
     * been taken over by another node, whose outcome is the one that counts.
     *
     * @return false when a later attempt claimed the row, so nothing was recorded
     */
    @Transactional
    boolean markSent(OutboxEntry entry, List<String> messageIds, Instant sentAt) {
        int marked = jdbc.sql("""
                UPDATE notification
                SET status = 'SENT', sent_at = ?, lease_until = NULL, last_error = NULL,
                    body = CASE WHEN confidential THEN NULL ELSE body END
                WHERE id = ? AND status = 'SENDING' AND attempts = ?""")
                .params(Timestamp.from(sentAt), entry.id(), entry.attempt())
                .update();
        if (marked == 0) {
            return false;
        }
        for (int part = 0; part < messageIds.size(); part++) {
            jdbc.sql("INSERT INTO notification_part (notification_id, part_number, smsc_message_id) VALUES (?, ?, ?)")
                    .params(entry.id(), part + 1, messageIds.get(part))
                    .update();
        }
        return true;
    }

    /**
     * Returns a notification to PENDING for another attempt at {@code nextAttemptAt}.
     *
     * @return false when a later attempt claimed the row, so nothing was recorded
     */
    boolean scheduleRetry(OutboxEntry entry, Instant nextAttemptAt, String reason) {
        return jdbc.sql("""
                UPDATE notification SET status = 'PENDING', next_attempt_at = ?, lease_until = NULL, last_error = ?
                WHERE id = ? AND status = 'SENDING' AND attempts = ?""")
                .params(Timestamp.from(nextAttemptAt), reason, entry.id(), entry.attempt())
                .update() == 1;
    }

    /**
     * Marks a notification FAILED for good and erases a confidential body.
     *
     * @return false when a later attempt claimed the row, so nothing was recorded
     */
    boolean markFailed(OutboxEntry entry, String reason, Instant failedAt) {
        return jdbc.sql("""
                UPDATE notification
                SET status = 'FAILED', failed_at = ?, lease_until = NULL, last_error = ?,
                    body = CASE WHEN confidential THEN NULL ELSE body END
                WHERE id = ? AND status = 'SENDING' AND attempts = ?""")
                .params(Timestamp.from(failedAt), reason, entry.id(), entry.attempt())
                .update() == 1;
    }

    /**
     * Stores the delivery receipt for one SMS part. A later receipt for the same message id, such as DELIVRD after
     * ENROUTE, replaces the earlier one.
     *
     * @param smscMessageId the message id the SMSC returned for the part
     * @param state the receipt's stat field, such as DELIVRD or UNDELIV
     * @param errorCode the receipt's err field, or null
     */
    public void recordReceipt(String smscMessageId, String state, String errorCode, Instant receivedAt) {
        jdbc.sql("""
                INSERT INTO notification_receipt (smsc_message_id, state, error_code, received_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (smsc_message_id)
                DO UPDATE SET state = excluded.state, error_code = excluded.error_code, received_at = excluded.received_at""")
                .params(smscMessageId, state, errorCode, Timestamp.from(receivedAt))
                .update();
    }

    /**
     * Deletes up to {@code limit} SENT or FAILED notifications queued before {@code queuedBefore}, the oldest
     * first, and with them their SMS parts.
     *
     * @return how many notifications were deleted
     */
    int deleteFinished(Instant queuedBefore, int limit) {
        return jdbc.sql("""
                DELETE FROM notification WHERE id IN (
                    SELECT id FROM notification
                    WHERE status IN ('SENT', 'FAILED') AND created_at < ?
                    ORDER BY created_at
                    LIMIT ?)""")
                .params(Timestamp.from(queuedBefore), limit)
                .update();
    }

    /**
     * Deletes up to {@code limit} delivery receipts received before {@code receivedBefore}.
     *
     * @return how many receipts were deleted
     */
    int deleteReceipts(Instant receivedBefore, int limit) {
        return jdbc.sql("""
                DELETE FROM notification_receipt WHERE smsc_message_id IN (
                    SELECT smsc_message_id FROM notification_receipt WHERE received_at < ? LIMIT ?)""")
                .params(Timestamp.from(receivedBefore), limit)
                .update();
    }

    private static List<String> names(Set<Channel> channels) {
        return channels.stream().map(Channel::name).toList();
    }

    private static OutboxEntry entry(ResultSet row, int rowNumber) throws SQLException {
        return new OutboxEntry(row.getLong("id"), Channel.valueOf(row.getString("channel")),
                row.getString("recipient"), row.getString("subject"), row.getString("body"),
                row.getBoolean("confidential"), row.getInt("attempts"),
                row.getTimestamp("created_at").toInstant());
    }
}
