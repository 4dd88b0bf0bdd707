package org.selfcare.stepup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.Subscriber;
import org.selfcare.notification.Message;
import org.selfcare.notification.Notifications;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one-time codes by SMS within the send limits, for second authentication and the first sign-in alike. The
 * code, its SMS and its security event are written in one transaction.
 */
@Component
class CodeSender {

    private final SendLimits limits;

    private final SmsCodes codes;

    private final Notifications notifications;

    private final SecurityLog securityLog;

    private final StepUpProperties properties;

    private final TransactionTemplate transaction;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    CodeSender(SendLimits limits, SmsCodes codes, Notifications notifications, SecurityLog securityLog,
            StepUpProperties properties, TransactionTemplate transaction, ApplicationEventPublisher events,
            Clock clock) {
        this.limits = limits;
        this.codes = codes;
        this.notifications = notifications;
        this.securityLog = securityLog;
        this.properties = properties;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sends a new code for {@code purpose}, bound to the session with {@code sessionBinding}, unless a send limit
     * of the number, the session or the address is used up.
     *
     * @return the code's expiry, or how long to wait when a limit refused the send
     */
    Outcome send(Subscriber subscriber, String sessionBinding, Purpose purpose, String clientAddress) {
        return send(subscriber, sessionBinding, sessionBinding, purpose, clientAddress,
                (code, minutes) -> Message.confidential("notification.sms.step-up-code." + purpose.pathName(), code,
                        minutes));
    }

    /**
     * Sends a new code stored under {@code codeBinding}, such as a binding to one operation, with the text that
     * {@code text} builds. The send limits count per session, whatever the code is bound to.
     */
    Outcome send(Subscriber subscriber, String sessionBinding, String codeBinding, Purpose purpose,
            String clientAddress, CodeText text) {
        Optional<Duration> wait = limits.tryAcquire(subscriber.msisdnE164(), sessionBinding, clientAddress);
        if (wait.isPresent()) {
            transaction.executeWithoutResult((status) -> {
                record(SecurityEventType.STEP_UP_CODE_REFUSED, subscriber, clientAddress, "throttled",
                        purpose.pathName() + " code refused: send limit reached");
                published(subscriber, purpose, false);
            });
            return new Outcome(null, wait.get());
        }

        // PostgreSQL keeps microseconds and rounds the rest, which could extend the code's life by a microsecond.
        Instant expiresAt = clock.instant().plus(properties.codeLifetime()).truncatedTo(ChronoUnit.MICROS);
        transaction.executeWithoutResult((status) -> {
            SmsCodes.IssuedCode issued = codes.issue(subscriber.id(), codeBinding, purpose, expiresAt);
            notifications.sms(subscriber.msisdnE164(), LocaleContextHolder.getLocale(),
                    text.message(issued.code(), properties.codeLifetime().toMinutes()));
            record(SecurityEventType.STEP_UP_CODE_SENT, subscriber, clientAddress, "success",
                    purpose.pathName() + " code sent, valid until " + expiresAt);
            published(subscriber, purpose, true);
        });
        return new Outcome(expiresAt, null);
    }

    /**
     * Records a code request rejected before any send, such as for a wrong CAPTCHA answer.
     */
    void refused(Subscriber subscriber, Purpose purpose, String clientAddress, String reason) {
        transaction.executeWithoutResult((status) -> {
            record(SecurityEventType.STEP_UP_CODE_REFUSED, subscriber, clientAddress, "failure", reason);
            published(subscriber, purpose, false);
        });
    }

    private void published(Subscriber subscriber, Purpose purpose, boolean sent) {
        events.publishEvent(new StepUpCodeRequested(subscriber.id(), purpose, sent, clock.instant()));
    }

    private void record(SecurityEventType type, Subscriber subscriber, String clientAddress, String outcome,
            String reason) {
        securityLog.record(new SecurityEvent(type, clock.instant(), subscriber.id(), subscriber.msisdnE164(),
                clientAddress, outcome, reason));
    }

    /** Builds the SMS that carries a code. */
    @FunctionalInterface
    interface CodeText {

        Message message(String code, long validMinutes);
    }

    /**
     * Result of a send: exactly one of the two values is set.
     *
     * @param expiresAt when the sent code expires, or {@code null} when no code was sent
     * @param retryAfter how long to wait before a send can succeed, or {@code null} when the code was sent
     */
    record Outcome(Instant expiresAt, Duration retryAfter) {

        boolean sent() {
            return expiresAt != null;
        }
    }
}
