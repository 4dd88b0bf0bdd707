package org.selfcare.integrity;

import java.sql.Timestamp;
import java.time.Clock;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raises an {@link SecurityEventType#INTEGRITY_ALERT} for a record whose seal failed, once per record: the
 * {@code seal_alert} table remembers which records have alerted, on every node and across restarts.
 */
@Service
public class SealAlerts {

    private static final Logger logger = LoggerFactory.getLogger(SealAlerts.class);

    private final JdbcClient jdbc;

    private final SecurityLog securityLog;

    private final Clock clock;

    SealAlerts(JdbcClient jdbc, SecurityLog securityLog, Clock clock) {
        this.jdbc = jdbc;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    /**
     * Records the alert for the record {@code id} of {@code table} unless it was recorded before. It commits
     * on its own, so a read-only or failing caller still leaves the alert.
     *
     * @param subscriberId the subscriber the record belongs to as stored, or {@code null}
     * @return whether this call recorded the alert
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean alert(String table, long id, Long subscriberId) {
        int inserted = jdbc.sql("""
                INSERT INTO seal_alert (table_name, record_id, alerted_at) VALUES (?, ?, ?)
                ON CONFLICT (table_name, record_id) DO NOTHING""")
                .params(table, id, Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            return false;
        }
        securityLog.record(new SecurityEvent(SecurityEventType.INTEGRITY_ALERT, clock.instant(), subscriberId, null,
                null, "withheld", "The seal of " + table + " " + id + " does not verify"));
        logger.warn("Withheld a record whose seal does not verify table={} id={}", table, id);
        return true;
    }
}
