package org.selfcare.usage;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.selfcare.platform.KeysetCursor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads a subscriber's call records newest first, a page at a time, by keyset: each page continues after the
 * time and id of the previous page's last record, so a page deep in history costs the same as the first.
 */
@Service
public class CallRecords {

    private final JdbcClient jdbc;

    CallRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Returns one page of the subscriber's call records.
     *
     * @param month only calls that started in this month of {@code zone}, or {@code null} for all
     * @param zone the subscriber's time zone, which decides where a month starts and ends
     * @param cursor from the previous page, or {@code null} for the first page
     * @param limit page size
     */
    public CallRecordPage page(long subscriberId, YearMonth month, ZoneId zone, String cursor, int limit) {
        KeysetCursor after = KeysetCursor.parse(cursor);
        Instant from = (month == null) ? null : month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = (month == null) ? null : month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();

        List<CallRecord> rows = jdbc.sql("""
                SELECT id, direction, other_party, started_at, duration_seconds, billable_seconds, answered,
                       charge_minor, currency
                FROM call_record
                WHERE subscriber_id = :subscriber
                  AND (CAST(:from AS timestamptz) IS NULL OR started_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR started_at < :to)
                  AND (CAST(:afterTime AS timestamptz) IS NULL OR (started_at, id) < (:afterTime, :afterId))
                ORDER BY started_at DESC, id DESC
                LIMIT :limit""")
                .param("subscriber", subscriberId)
                .param("from", timestamp(from))
                .param("to", timestamp(to))
                .param("afterTime", (after == null) ? null : timestamp(after.time()))
                .param("afterId", (after == null) ? 0L : after.id())
                .param("limit", limit + 1)
                .query((resultSet, rowNumber) -> new CallRecord(resultSet.getLong("id"),
                        resultSet.getString("direction"), resultSet.getString("other_party"),
                        resultSet.getTimestamp("started_at").toInstant(), resultSet.getInt("duration_seconds"),
                        resultSet.getInt("billable_seconds"), resultSet.getBoolean("answered"),
                        resultSet.getLong("charge_minor"), resultSet.getString("currency")))
                .list();

        if (rows.size() <= limit) {
            return new CallRecordPage(rows, null);
        }
        List<CallRecord> page = List.copyOf(rows.subList(0, limit));
        CallRecord last = page.get(limit - 1);
        return new CallRecordPage(page, new KeysetCursor(last.startedAt(), last.id()).encode());
    }

    private static Timestamp timestamp(Instant instant) {
        return (instant == null) ? null : Timestamp.from(instant);
    }
}
