package org.selfcare.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored alerts, and their resolution by staff. Resolving records {@code ALERT_RESOLVED}; with
 * {@code clearRisk}, and when no other alert about the subscriber is open, it also ends their risk flag and
 * records {@code RISK_CLEARED}.
 */
@Service
class MonitoringAlerts implements Alerts {

    static final int MAX_LIMIT = 500;

    static final int MAX_TEXT = 500;

    /** Bounds the chart's query: a year in hours, or many days in minutes. */
    static final int MAX_INTERVALS = 10_000;

    private static final Logger logger = LoggerFactory.getLogger(MonitoringAlerts.class);

    private final AlertStore alerts;

    private final RiskFlags flags;

    private final MonitoringEventStore events;

    private final SecurityLog securityLog;

    private final Clock clock;

    MonitoringAlerts(AlertStore alerts, RiskFlags flags, MonitoringEventStore events, SecurityLog securityLog,
            Clock clock) {
        this.alerts = alerts;
        this.flags = flags;
        this.events = events;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    @Override
    public List<Alert> list(boolean openOnly, int limit) {
        return alerts.list(openOnly, checkedLimit(limit));
    }

    @Override
    public List<Alert> forSubscriber(long subscriberId, int limit) {
        return alerts.forSubscriber(subscriberId, checkedLimit(limit));
    }

    @Override
    public Optional<Alert> find(long id) {
        return alerts.find(id);
    }

    @Override
    @Transactional
    public Optional<Alert> resolve(long id, String staffUser, String resolution, boolean clearRisk) {
        requireText("staffUser", staffUser, 100);
        requireText("resolution", resolution, MAX_TEXT);
        Optional<Alert> open = alerts.find(id).filter(Alert::open);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        // The detectors hold the same lock while they raise, so a detection cannot slip in between the check for
        // other open alerts and the clearing of the flag.
        Long subscriberId = open.get().subscriberId();
        if (subscriberId != null) {
            events.lockSubscriber(subscriberId);
        }

        Instant now = clock.instant();
        Optional<Alert> resolved = alerts.resolve(id, staffUser.strip(), resolution.strip(), now);
        resolved.ifPresent((alert) -> {
            securityLog.record(new SecurityEvent(SecurityEventType.ALERT_RESOLVED, now, alert.subscriberId(),
                    AlertRaiser.reference(alert), null, "resolved", alert.detector() + " alert resolved by "
                            + alert.resolvedBy() + (clearRisk ? ", risk cleared if no other alert is open" : "")));
            logger.info("Alert {} resolved by {} clearRisk={}", alert.id(), alert.resolvedBy(), clearRisk);
            if (clearRisk && alert.subscriberId() != null) {
                clearRisk(alert, now);
            }
        });
        return resolved;
    }

    private void clearRisk(Alert alert, Instant now) {
        if (alerts.hasOpen(alert.subscriberId())) {
            logger.info("Risk of subscriberId={} kept: another alert is open", alert.subscriberId());
            return;
        }
        if (flags.clear(alert.subscriberId(), now)) {
            securityLog.record(new SecurityEvent(SecurityEventType.RISK_CLEARED, now, alert.subscriberId(),
                    AlertRaiser.reference(alert), null, "cleared", "Risk cleared by " + alert.resolvedBy()
                            + " when resolving the last open alert"));
        }
    }

    @Override
    public List<Count> raisedPer(Duration bucket, Instant from, Instant to) {
        if (bucket == null || bucket.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("The interval must be at least 1 minute, got " + bucket);
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("The period must start before it ends, got " + from + " to " + to);
        }
        long seconds = bucket.toSeconds();
        long intervals = (Duration.between(from, to).toSeconds() + seconds - 1) / seconds;
        if (intervals > MAX_INTERVALS) {
            throw new IllegalArgumentException("The period holds " + intervals + " intervals; at most "
                    + MAX_INTERVALS + " are allowed, so choose a longer interval or a shorter period");
        }

        long[] counts = new long[(int) intervals];
        for (long[] row : alerts.countPerInterval(from, to, seconds)) {
            counts[(int) row[0]] = row[1];
        }
        List<Count> result = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            result.add(new Count(from.plusSeconds(i * seconds), counts[i]));
        }
        return result;
    }

    private static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("The limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    private static void requireText(String name, String value, int maxLength) {
        if (value == null || value.isBlank() || value.strip().length() > maxLength) {
            throw new IllegalArgumentException("The " + name + " must be 1 to " + maxLength + " characters");
        }
    }
}
