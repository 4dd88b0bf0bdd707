package org.selfcare.usage;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.selfcare.integrity.RecordSeal;
import org.selfcare.integrity.RecordSealer;
import org.selfcare.integrity.SealAlerts;
import org.selfcare.integrity.SealedRecord;
import org.selfcare.platform.KeysetCursor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads a subscriber's call records newest first, a page at a time, by keyset: each page continues after the
 * time and id of the previous page's last record, so a page deep in history costs the same as the first. A
 * record whose seal does not verify is withheld and raises an integrity alert.
 */
@Service
public class CallRecords {

    private final JdbcClient jdbc;

    private final RecordSealer sealer;

    private final SealAlerts alerts;

    CallRecords(JdbcClient jdbc, RecordSealer sealer, SealAlerts alerts) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.alerts = alerts;
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

        List<StoredCall> rows = jdbc.sql("""
                SELECT id, record_key, direction, other_party, other_party_e164, started_at, duration_seconds,
                       billable_seconds, answered, charge_minor, currency, seal, seal_key_id
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
                .query((resultSet, rowNumber) -> new StoredCall(new CallRecord(resultSet.getLong("id"),
                        resultSet.getString("direction"), resultSet.getString("other_party"),
                        resultSet.getTimestamp("started_at").toInstant(), resultSet.getInt("duration_seconds"),
                        resultSet.getInt("billable_seconds"), resultSet.getBoolean("answered"),
                        resultSet.getLong("charge_minor"), resultSet.getString("currency")),
                        resultSet.getString("record_key"), resultSet.getString("other_party_e164"),
                        resultSet.getString("seal"), resultSet.getString("seal_key_id")))
                .list();

        List<StoredCall> page = (rows.size() <= limit) ? rows : rows.subList(0, limit);
        List<SealedRecord<CallRecord>> records = page.stream().map((row) -> verify(subscriberId, row)).toList();
        if (rows.size() <= limit) {
            return new CallRecordPage(records, null);
        }
        CallRecord last = page.get(limit - 1).record();
        return new CallRecordPage(records, new KeysetCursor(last.startedAt(), last.id()).encode());
    }

    /**
     * Returns the record when its seal verifies, or withholds it and raises the integrity alert.
     */
    private SealedRecord<CallRecord> verify(long subscriberId, StoredCall row) {
        CallRecord call = row.record();
        RecordSeal expected = RecordSeal.callRecord(subscriberId, row.recordKey(), call.direction(),
                call.otherParty(), row.otherPartyE164(), call.startedAt(), call.durationSeconds(),
                call.billableSeconds(), call.answered(), call.chargeMinor(), call.currency());
        if (!sealer.verifies(expected, row.seal(), row.sealKeyId())) {
            alerts.alert("call_record", call.id(), subscriberId);
            return SealedRecord.withheld(call.id());
        }
        return SealedRecord.intact(call.id(), call);
    }

    /**
     * A call record row as stored, with the fields that only its seal covers.
     */
    private record StoredCall(CallRecord record, String recordKey, String otherPartyE164, String seal,
            String sealKeyId) {
    }

    private static Timestamp timestamp(Instant instant) {
        return (instant == null) ? null : Timestamp.from(instant);
    }
}
