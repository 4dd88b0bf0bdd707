package org.selfcare.stepup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.AccountLockout;
import org.selfcare.identity.ProofAttempt;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.identity.SubscriberPrincipal;

import org.springframework.stereotype.Service;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Confirms payments and subscription changes one operation at a time. The risk that monitoring reports decides the
 * methods. A payment needs nothing and a subscription change an SMS code or the service password. While the
 * subscriber is at risk both need an SMS code, and while blocked both are rejected.
 */
@Service
class OperationConfirmationService implements OperationConfirmation {

    /** How long an operation waits for its code: the longest code lifetime the settings allow. */
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(15);

    private final SubscriberDirectory directory;

    private final AccountLockout lockout;

    private final SmsCodes codes;

    private final RiskSignals risk;

    private final SecurityLog securityLog;

    private final Clock clock;

    OperationConfirmationService(SubscriberDirectory directory, AccountLockout lockout, SmsCodes codes,
            RiskSignals risk, SecurityLog securityLog, Clock clock) {
        this.directory = directory;
        this.lockout = lockout;
        this.codes = codes;
        this.risk = risk;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    @Override
    public void authorize(SubscriberPrincipal principal, HttpServletRequest request, BoundOperation operation,
            Confirmation confirmation) {
        Subscriber subscriber = directory.findById(principal.subscriberId())
                .orElseThrow(() -> new IllegalStateException("Signed-in subscriber " + principal.subscriberId()
                        + " no longer exists"));
        String clientAddress = request.getRemoteAddr();
        Instant now = clock.instant();

        RiskState state = risk.stateOf(subscriber.id());
        if (state.level() == RiskState.Level.BLOCKED && now.isBefore(state.until())) {
            record(SecurityEventType.OPERATION_BLOCKED, subscriber, clientAddress, "blocked",
                    describe(operation) + " refused: operations blocked until " + state.until());
            throw new OperationBlockedException(state.until());
        }

        Set<ProofMethod> methods = methodsFor(operation.purpose(), state.level() != RiskState.Level.NORMAL);
        if (methods.isEmpty()) {
            return;
        }
        HttpSession session = request.getSession();
        if (confirmation == null || !methods.contains(confirmation.method())) {
            String id = PendingOperations.add(session, operation, now, now.plus(PENDING_LIFETIME));
            throw new ConfirmationRequiredException(id, operation, methods);
        }

        check(subscriber, session, operation, confirmation, clientAddress);
    }

    /**
     * Returns the methods that may confirm an operation now, or none when it needs no confirmation.
     */
    static Set<ProofMethod> methodsFor(Purpose purpose, boolean atRisk) {
        if (atRisk) {
            // The service password is a lasting secret and may be what was stolen, while a code reaches the SIM card.
            return EnumSet.of(ProofMethod.SMS_CODE);
        }
        return (purpose == Purpose.SUBSCRIPTION) ? EnumSet.allOf(ProofMethod.class) : EnumSet.noneOf(ProofMethod.class);
    }

    private void check(Subscriber subscriber, HttpSession session, BoundOperation operation,
            Confirmation confirmation, String clientAddress) {
        ProofAttempt attempt = lockout.begin(subscriber, clientAddress, confirmation.method().pathName());
        if (attempt.refused()) {
            throw new ConfirmationLockedException(attempt.lockedUntil());
        }

        boolean right = switch (confirmation.method()) {
            case SMS_CODE -> codes.consume(subscriber.id(), OperationBinding.of(StepUpSession.binding(session),
                    operation), operation.purpose(), confirmation.secret());
            case SERVICE_PASSWORD -> directory.servicePasswordMatches(subscriber.id(), confirmation.secret());
        };
        if (right) {
            lockout.succeeded(attempt);
            record(SecurityEventType.OPERATION_CONFIRMED, subscriber, clientAddress, "success",
                    describe(operation) + " confirmed by " + confirmation.method().pathName());
            return;
        }

        record(SecurityEventType.OPERATION_CONFIRMATION_FAILED, subscriber, clientAddress, "failure",
                describe(operation) + ": " + confirmation.method().pathName() + " did not match");
        Optional<Instant> lockedUntil = lockout.failed(attempt);
        if (lockedUntil.isPresent()) {
            throw new ConfirmationLockedException(lockedUntil.get());
        }
        throw new ConfirmationRejectedException();
    }

    private static String describe(BoundOperation operation) {
        return operation.purpose().pathName() + " " + operation.reference() + " of "
                + operation.amount().minorUnits() + " " + operation.amount().currency().getCurrencyCode()
                + " minor units";
    }

    private void record(SecurityEventType type, Subscriber subscriber, String clientAddress, String outcome,
            String reason) {
        securityLog.record(new SecurityEvent(type, clock.instant(), subscriber.id(), subscriber.msisdnE164(),
                clientAddress, outcome, reason));
    }
}
