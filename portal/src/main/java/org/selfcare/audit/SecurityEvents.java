package org.selfcare.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the security event log for the operator console: the latest events, a subscriber's, and counts of one
 * kind per interval for its chart. Reading never changes the chain.
 */
@Component
public class SecurityEvents {

    /** Most rows one call returns. */
    public static final int MAX_LIMIT = 500;

    private static final RowMapper<RecordedSecurityEvent> ROW = (row, rowNumber) -> new RecordedSecurityEvent(
            row.getLong("id"), row.getObject("occurred_at", OffsetDateTime.class).toInstant(), row.getString("type"),
            (Long) row.getObject("subscriber_id"), row.getString("identifier"), row.getString("client_address"),
            row.getString("outcome"), row.getString("reason"));

    private static final String COLUMNS = "id, occurred_at, type, subscriber_id, identifier, client_address, outcome, "
            + "reason";

    private final JdbcClient jdbc;

    SecurityEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the latest events, newest first. */
    public List<RecordedSecurityEvent> latest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM security_event ORDER BY id DESC LIMIT ?")
                .param(bounded(limit))
                .query(ROW)
                .list();
    }

    /** Returns the latest events about one subscriber, newest first. */
    public List<RecordedSecurityEvent> forSubscriber(long subscriberId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM security_event WHERE subscriber_id = ? ORDER BY id DESC LIMIT ?")
                .params(subscriberId, bounded(limit))
                .query(ROW)
                .list();
    }

    /**
     * Counts events of {@code type} per interval of {@code bucket}, from {@code from} (inclusive) to {@code to}
     * (exclusive). Intervals without events are present with zero, oldest first.
     */
    public List<Long> countPer(SecurityEventType type, Duration bucket, Instant from, Instant to) {
        long seconds = bucket.toSeconds();
        int intervals = (int) Math.max(0, Duration.between(from, to).toSeconds() / seconds);
        Long[] counts = new Long[intervals];
        Arrays.fill(counts, 0L);
        jdbc.sql("""
                SELECT floor(extract(epoch FROM occurred_at - ?) / ?)::int AS slot, count(*) AS events
                FROM security_event WHERE type = ? AND occurred_at >= ? AND occurred_at < ?
                GROUP BY slot""")
                .params(Timestamp.from(from), seconds, type.name(), Timestamp.from(from), Timestamp.from(to))
                .query((row) -> {
                    int slot = row.getInt("slot");
                    if (slot >= 0 && slot < intervals) {
                        counts[slot] = row.getLong("events");
                    }
                });
        return List.of(counts);
    }

    private static int bounded(int limit) {
        return Math.max(1, Math.min(limit, MAX_LIMIT));
    }
}
