package org.selfcare.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.notification.Message;
import org.selfcare.notification.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a detection into an alert: stores it, records {@code ALERT_RAISED}, marks the subscriber at risk or
 * blocks them, and e-mails operations when {@code selfcare.monitoring.alert-email} is set. While an alert of the
 * same detector about the same subscriber (or service) is open, a new detection adds nothing, except that a
 * severe one escalates an open warning.
 */
@Component
class AlertRaiser {

    private static final Logger logger = LoggerFactory.getLogger(AlertRaiser.class);

    private final AlertStore alerts;

    private final RiskFlags flags;

    private final SecurityLog securityLog;

    private final Notifications notifications;

    private final SubscriberDirectory subscribers;

    private final MonitoringProperties properties;

    private final Clock clock;

    AlertRaiser(AlertStore alerts, RiskFlags flags, SecurityLog securityLog, Notifications notifications,
            SubscriberDirectory subscribers, MonitoringProperties properties, Clock clock) {
        this.alerts = alerts;
        this.flags = flags;
        this.securityLog = securityLog;
        this.notifications = notifications;
        this.subscribers = subscribers;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Raises or escalates the alert of a detection, in the caller's transaction, which holds the lock of the
     * detection's subscriber or service.
     *
     * @return the alert raised or escalated, or empty when an open alert already covers the detection
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Alert> raise(Detection detection) {
        Optional<Alert> open = alerts.findOpen(detection);
        Instant now = clock.instant();
        Alert alert;
        if (open.isEmpty()) {
            alert = alerts.insert(detection, now);
        }
        else if (open.get().severity() == Alert.Severity.WARNING && detection.severity() == Alert.Severity.SEVERE) {
            alert = alerts.escalate(open.get().id(), detection.summary());
        }
        else {
            return Optional.empty();
        }

        String consequence = mark(alert, now);
        securityLog.record(new SecurityEvent(SecurityEventType.ALERT_RAISED, now, alert.subscriberId(),
                reference(alert), null, alert.severity().name().toLowerCase(Locale.ROOT),
                alert.detector() + (open.isPresent() ? " escalated: " : ": ") + alert.summary()
                        + (alert.serviceCode() == null ? "" : " (service " + alert.serviceCode() + ")") + "; "
                        + consequence));
        logger.warn("Alert {} {} detector={} severity={} subscriberId={} service={} summary={}", alert.id(),
                open.isPresent() ? "escalated" : "raised", alert.detector(), alert.severity(), alert.subscriberId(),
                alert.serviceCode(), alert.summary());
        emailOperations(alert);
        return Optional.of(alert);
    }

    /** Returns how the security log and e-mail refer to an alert. */
    static String reference(Alert alert) {
        return "alert-" + alert.id();
    }

    private String mark(Alert alert, Instant now) {
        if (alert.subscriberId() == null) {
            return "service-wide, no subscriber marked";
        }
        Instant riskUntil = now.plus(properties.riskDuration());
        if (alert.severity() == Alert.Severity.SEVERE) {
            Instant blockedUntil = now.plus(properties.blockDuration());
            flags.mark(alert.subscriberId(), alert.id(), blockedUntil, riskUntil);
            return "subscriber blocked until " + blockedUntil + ", then at risk until " + riskUntil;
        }
        flags.mark(alert.subscriberId(), alert.id(), null, riskUntil);
        return "subscriber at risk until " + riskUntil;
    }

    private void emailOperations(Alert alert) {
        String address = properties.alertEmail();
        if (address == null) {
            return;
        }
        String concerns = alert.subscriberId() == null ? "service " + alert.serviceCode()
                : "subscriber " + subscribers.findById(alert.subscriberId()).map(Subscriber::msisdnE164)
                        .orElse("#" + alert.subscriberId());
        notifications.email(address, Locale.ROOT,
                Message.of("monitoring.alert-email.subject", alert.severity().name().toLowerCase(Locale.ROOT),
                        alert.detector(), String.valueOf(alert.id())),
                Message.of("monitoring.alert-email.body", alert.detector(),
                        alert.severity().name().toLowerCase(Locale.ROOT), concerns, alert.summary(),
                        alert.raisedAt().toString(), String.valueOf(alert.id())));
    }
}
