package org.selfcare.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of {@code risk_flag}: one row per subscriber at risk or blocked, read by primary key.
 */
@Repository
class RiskFlags {

    private final JdbcClient jdbc;

    RiskFlags(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks the subscriber, or extends their flag. A flag is never shortened here: the later end of the stored
     * and the new times wins, so a warning does not lift a block.
     *
     * @param blockedUntil the end of a block, or {@code null} for a warning
     */
    void mark(long subscriberId, long alertId, Instant blockedUntil, Instant riskUntil) {
        jdbc.sql("""
                INSERT INTO risk_flag (subscriber_id, blocked_until, risk_until, alert_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (subscriber_id) DO UPDATE SET
                    blocked_until = GREATEST(risk_flag.blocked_until, EXCLUDED.blocked_until),
                    risk_until = GREATEST(risk_flag.risk_until, EXCLUDED.risk_until),
                    alert_id = EXCLUDED.alert_id""")
                .params(subscriberId, blockedUntil == null ? null : Timestamp.from(blockedUntil),
                        Timestamp.from(riskUntil), alertId)
                .update();
    }

    Optional<Flag> find(long subscriberId) {
        return jdbc.sql("SELECT blocked_until, risk_until FROM risk_flag WHERE subscriber_id = ?")
                .param(subscriberId)
                .query((rs, row) -> {
                    Timestamp blockedUntil = rs.getTimestamp(1);
                    return new Flag(blockedUntil == null ? null : blockedUntil.toInstant(),
                            rs.getTimestamp(2).toInstant());
                })
                .optional();
    }

    /**
     * Deletes the subscriber's flag.
     *
     * @return whether there was one that had not run out at {@code now}
     */
    boolean clear(long subscriberId, Instant now) {
        return jdbc.sql("DELETE FROM risk_flag WHERE subscriber_id = ? RETURNING risk_until > ?")
                .params(subscriberId, Timestamp.from(now))
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /**
     * Deletes flags whose risk ran out at or before {@code now}, at most {@code batch} of them.
     *
     * @return the subscribers whose flag was deleted
     */
    List<Long> deleteRunOut(Instant now, int batch) {
        return jdbc.sql("""
                DELETE FROM risk_flag WHERE subscriber_id IN (
                    SELECT subscriber_id FROM risk_flag WHERE risk_until <= ? ORDER BY risk_until LIMIT ?
                    FOR UPDATE SKIP LOCKED)
                RETURNING subscriber_id""")
                .params(Timestamp.from(now), batch)
                .query(Long.class)
                .list();
    }

    /**
     * A stored flag.
     *
     * @param blockedUntil the end of the latest block, possibly past, or {@code null} when none was raised
     * @param riskUntil the end of the period at risk
     */
    record Flag(Instant blockedUntil, Instant riskUntil) {
    }
}
