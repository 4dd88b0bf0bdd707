package org.selfcare.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes events that no detector reads any more, and ends risk flags that ran out, recording
 * {@code RISK_CLEARED} for each. Events are kept for the longest window plus the longest history or baseline of
 * any detector.
 */
@Component
class MonitoringHousekeeping {

    static final int BATCH = 5_000;

    private static final Logger logger = LoggerFactory.getLogger(MonitoringHousekeeping.class);

    private final MonitoringEventStore events;

    private final RiskFlags flags;

    private final SecurityLog securityLog;

    private final TransactionTemplate transactions;

    private final Duration retention;

    private final Clock clock;

    MonitoringHousekeeping(MonitoringEventStore events, RiskFlags flags, SecurityLog securityLog,
            TransactionTemplate transactions, Monitor monitor, Clock clock) {
        this.events = events;
        this.flags = flags;
        this.securityLog = securityLog;
        this.transactions = transactions;
        this.retention = monitor.detectors().stream().map(Detector::reach).max(Duration::compareTo)
                .orElse(Duration.ZERO);
        this.clock = clock;
    }

    Duration retention() {
        return retention;
    }

    /**
     * Runs one round: old events first, then flags, each in batches of {@value #BATCH} rows per transaction.
     *
     * @return how many events were deleted
     */
    int run() {
        Instant now = clock.instant();
        Instant before = now.minus(retention);
        int deleted = 0;
        int batch;
        do {
            batch = transactions.execute((status) -> events.deleteBefore(before, BATCH));
            deleted += batch;
        }
        while (batch == BATCH);

        List<Long> cleared;
        do {
            cleared = transactions.execute((status) -> {
                List<Long> subscribers = flags.deleteRunOut(now, BATCH);
                subscribers.forEach((subscriberId) -> securityLog.record(new SecurityEvent(
                        SecurityEventType.RISK_CLEARED, now, subscriberId, null, null, "expired",
                        "The period at risk ran out")));
                return subscribers;
            });
        }
        while (cleared.size() == BATCH);

        if (deleted > 0) {
            logger.info("Deleted {} monitoring events older than {}", deleted, before);
        }
        return deleted;
    }
}
