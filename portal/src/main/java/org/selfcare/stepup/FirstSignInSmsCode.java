package org.selfcare.stepup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.firstsignin.CodeSending;
import org.selfcare.identity.firstsignin.CodeSendingIdentityCheck;
import org.selfcare.notification.Message;
import org.selfcare.notification.Notifications;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@code sms-code}: a provisioned subscriber proves at the first sign-in that they hold the phone, with a one-time
 * code sent by SMS. The codes and their send limits are those of second authentication, under a purpose of their
 * own, so a first-sign-in code proves nothing else.
 */
@Component
class FirstSignInSmsCode implements CodeSendingIdentityCheck {

    static final String NAME = "sms-code";

    static final String CODE_FIELD = "code";

    private static final int CODE_LENGTH = 6;

    private final SmsCodes codes;

    private final SendLimits limits;

    private final Notifications notifications;

    private final SecurityLog securityLog;

    private final StepUpProperties properties;

    private final TransactionTemplate transaction;

    private final Clock clock;

    FirstSignInSmsCode(SmsCodes codes, SendLimits limits, Notifications notifications, SecurityLog securityLog,
            StepUpProperties properties, TransactionTemplate transaction, Clock clock) {
        this.codes = codes;
        this.limits = limits;
        this.notifications = notifications;
        this.securityLog = securityLog;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> fields() {
        return List.of(CODE_FIELD);
    }

    @Override
    public Optional<String> inputError(Map<String, String> fields) {
        String code = fields.get(CODE_FIELD);
        if (code == null || code.isBlank() || code.strip().length() > CODE_LENGTH * 4) {
            return Optional.of("first-sign-in.input.code-missing");
        }
        return Optional.empty();
    }

    @Override
    public CodeSending sendCode(Subscriber subscriber, String clientAddress) {
        String binding = StepUpSession.binding(currentSession());
        Optional<Duration> wait = limits.tryAcquire(subscriber.msisdnE164(), binding, clientAddress);
        if (wait.isPresent()) {
            record(SecurityEventType.STEP_UP_CODE_REFUSED, subscriber, clientAddress, "throttled",
                    "first-sign-in code refused: send limit reached");
            return new CodeSending.RateLimited(wait.get());
        }

        // PostgreSQL keeps microseconds and rounds the rest, which could extend the code's life by a microsecond.
        Instant expiresAt = clock.instant().plus(properties.codeLifetime()).truncatedTo(ChronoUnit.MICROS);
        transaction.executeWithoutResult((status) -> {
            SmsCodes.IssuedCode issued = codes.issue(subscriber.id(), binding, Purpose.FIRST_SIGN_IN, expiresAt);
            notifications.sms(subscriber.msisdnE164(), LocaleContextHolder.getLocale(),
                    Message.confidential("notification.sms.step-up-code.first-sign-in", issued.code(),
                            properties.codeLifetime().toMinutes()));
            record(SecurityEventType.STEP_UP_CODE_SENT, subscriber, clientAddress, "success",
                    "first-sign-in code sent, valid until " + expiresAt);
        });
        return new CodeSending.Sent(expiresAt);
    }

    @Override
    public boolean verify(Subscriber subscriber, Map<String, String> fields) {
        String binding = StepUpSession.binding(currentSession());
        return codes.consume(subscriber.id(), binding, Purpose.FIRST_SIGN_IN, fields.get(CODE_FIELD).strip());
    }

    /**
     * Returns the session of the request being served. Codes are bound to it, so a code sent to one browser's
     * first sign-in cannot finish another's.
     */
    private static HttpSession currentSession() {
        if (!(RequestContextHolder.currentRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            throw new IllegalStateException("The first sign-in's SMS code needs an HTTP request");
        }
        return attributes.getRequest().getSession();
    }

    private void record(SecurityEventType type, Subscriber subscriber, String clientAddress, String outcome,
            String reason) {
        securityLog.record(new SecurityEvent(type, clock.instant(), subscriber.id(), subscriber.msisdnE164(),
                clientAddress, outcome, reason));
    }
}
