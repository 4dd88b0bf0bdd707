package org.selfcare.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of {@code monitoring_alert}.
 */
@Repository
class AlertStore {

    private static final String COLUMNS = """
            id, detector, severity, subscriber_id, service_code, summary, raised_at, resolved_at, resolved_by,
            resolution""";

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Returns the open alert of the detection's detector about the same subscriber, or about the same service for
     * a service-wide detection.
     */
    Optional<Alert> findOpen(Detection detection) {
        if (detection.subscriberId() != null) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM monitoring_alert WHERE detector = ? AND subscriber_id = ? "
                    + "AND resolved_at IS NULL")
                    .params(detection.detector(), detection.subscriberId())
                    .query(AlertStore::alert)
                    .optional();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM monitoring_alert WHERE detector = ? AND service_code = ? "
                + "AND subscriber_id IS NULL AND resolved_at IS NULL")
                .params(detection.detector(), detection.serviceCode())
                .query(AlertStore::alert)
                .optional();
    }

    Alert insert(Detection detection, Instant raisedAt) {
        return jdbc.sql("""
                INSERT INTO monitoring_alert (detector, severity, subscriber_id, service_code, summary, raised_at)
                VALUES (?, ?, ?, ?, ?, ?)""" + " RETURNING " + COLUMNS)
                .params(detection.detector(), detection.severity().name(), detection.subscriberId(),
                        detection.serviceCode(), detection.summary(), Timestamp.from(raisedAt))
                .query(AlertStore::alert)
                .single();
    }

    /** Raises an open warning to severe, with the summary of the detection that escalated it. */
    Alert escalate(long id, String summary) {
        return jdbc.sql("UPDATE monitoring_alert SET severity = 'SEVERE', summary = ? WHERE id = ? RETURNING "
                + COLUMNS)
                .params(summary, id)
                .query(AlertStore::alert)
                .single();
    }

    /**
     * Resolves an open alert.
     *
     * @return the resolved alert, or empty when no open alert has that id
     */
    Optional<Alert> resolve(long id, String staffUser, String resolution, Instant resolvedAt) {
        return jdbc.sql("UPDATE monitoring_alert SET resolved_at = ?, resolved_by = ?, resolution = ? "
                + "WHERE id = ? AND resolved_at IS NULL RETURNING " + COLUMNS)
                .params(Timestamp.from(resolvedAt), staffUser, resolution, id)
                .query(AlertStore::alert)
                .optional();
    }

    Optional<Alert> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monitoring_alert WHERE id = ?")
                .param(id)
                .query(AlertStore::alert)
                .optional();
    }

    List<Alert> list(boolean openOnly, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monitoring_alert"
                + (openOnly ? " WHERE resolved_at IS NULL" : "") + " ORDER BY raised_at DESC, id DESC LIMIT ?")
                .param(limit)
                .query(AlertStore::alert)
                .list();
    }

    List<Alert> forSubscriber(long subscriberId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM monitoring_alert WHERE subscriber_id = ? "
                + "ORDER BY raised_at DESC, id DESC LIMIT ?")
                .params(subscriberId, limit)
                .query(AlertStore::alert)
                .list();
    }

    /**
     * Returns when staff last resolved an alert of each detector about the subscriber, or about the service when
     * {@code serviceCode} is set.
     */
    Map<String, Instant> lastResolved(long subscriberId, String serviceCode) {
        String sql = serviceCode == null
                ? "SELECT detector, max(resolved_at) FROM monitoring_alert WHERE subscriber_id = ? "
                        + "AND resolved_at IS NOT NULL GROUP BY detector"
                : "SELECT detector, max(resolved_at) FROM monitoring_alert WHERE service_code = ? "
                        + "AND subscriber_id IS NULL AND resolved_at IS NOT NULL GROUP BY detector";
        Map<String, Instant> resolved = new HashMap<>();
        jdbc.sql(sql)
                .param(serviceCode == null ? subscriberId : serviceCode)
                .query((rs) -> {
                    resolved.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        return resolved;
    }

    boolean hasOpen(long subscriberId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM monitoring_alert WHERE subscriber_id = ? "
                + "AND resolved_at IS NULL)")
                .param(subscriberId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Counts alerts raised from {@code from} (inclusive) to {@code to} (exclusive) per interval of
     * {@code bucketSeconds}, keyed by the interval's index from {@code from}. Intervals without alerts are absent.
     */
    List<long[]> countPerInterval(Instant from, Instant to, long bucketSeconds) {
        return jdbc.sql("""
                SELECT floor(extract(epoch FROM raised_at - ?) / ?)::bigint AS bucket, count(*)
                FROM monitoring_alert WHERE raised_at >= ? AND raised_at < ?
                GROUP BY bucket""")
                .params(Timestamp.from(from), bucketSeconds, Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
                .list();
    }

    private static Alert alert(ResultSet rs, int row) throws SQLException {
        long subscriberNumber = rs.getLong("subscriber_id");
        Long subscriberId = rs.wasNull() ? null : subscriberNumber;
        return new Alert(rs.getLong("id"), rs.getString("detector"), Alert.Severity.valueOf(rs.getString("severity")),
                subscriberId, rs.getString("service_code"), rs.getString("summary"),
                rs.getTimestamp("raised_at").toInstant(), instant(rs.getTimestamp("resolved_at")),
                rs.getString("resolved_by"), rs.getString("resolution"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
