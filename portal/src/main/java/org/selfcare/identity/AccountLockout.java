package org.selfcare.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;

import org.springframework.stereotype.Service;

/**
 * Counts failed proofs of identity other than the sign-in password toward the same lockout as failed sign-ins.
 * A subscriber's number locks after the configured number of failures of either kind. A locked number can neither
 * sign in nor prove anything until the lock ends.
 *
 * <p>Callers {@link #begin} an attempt before they check the secret, and report the result with
 * {@link #succeeded} or {@link #failed}. Counting first keeps the limit exact when attempts run concurrently.
 */
@Service
public class AccountLockout {

    private final SignInLockouts lockouts;

    private final LockNotice lockNotice;

    private final SecurityLog securityLog;

    private final Clock clock;

    AccountLockout(SignInLockouts lockouts, LockNotice lockNotice, SecurityLog securityLog, Clock clock) {
        this.lockouts = lockouts;
        this.lockNotice = lockNotice;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    /**
     * Counts an attempt by {@code subscriber} to prove their identity with {@code method} (a short name such as
     * {@code sms-code}, used in the security log).
     *
     * @return the attempt; when it is {@link ProofAttempt#refused() refused}, do not check the secret
     */
    public ProofAttempt begin(Subscriber subscriber, String clientAddress, String method) {
        SignInIdentifier identifier = identifier(subscriber);
        SignInAttempt counted = lockouts.begin(identifier);
        ProofAttempt attempt = new ProofAttempt(subscriber, clientAddress, method, counted);
        if (counted.refused()) {
            record(SecurityEventType.PROOF_FAILED, attempt, "locked", method + " refused: the account is locked");
        }
        return attempt;
    }

    /**
     * Clears the failure count after a correct proof, as a successful sign-in does.
     */
    public void succeeded(ProofAttempt attempt) {
        lockouts.succeeded(identifier(attempt.subscriber()));
        record(SecurityEventType.PROOF_SUCCEEDED, attempt, "success", attempt.method() + " accepted");
    }

    /**
     * Records a wrong proof. When it is the failure that locks the account, the subscriber receives an SMS about the lock.
     *
     * @return the end of the lock when this failure locked the account, else empty
     */
    public Optional<Instant> failed(ProofAttempt attempt) {
        SignInAttempt counted = attempt.counted();
        record(SecurityEventType.PROOF_FAILED, attempt, "failure",
                "wrong " + attempt.method() + "; attempt " + counted.number());
        if (!counted.locksOnFailure()) {
            return Optional.empty();
        }
        record(SecurityEventType.IDENTIFIER_LOCKED, attempt, "locked",
                counted.number() + " failed attempts; locked until " + counted.lockedUntil());
        lockNotice.send(attempt.subscriber(), counted.lockedUntil());
        return Optional.of(counted.lockedUntil());
    }

    /**
     * Returns the end of the lock on the subscriber's number, or empty when it is not locked.
     */
    public Optional<Instant> lockedUntil(Subscriber subscriber) {
        return lockouts.lockedUntil(identifier(subscriber), clock.instant());
    }

    /**
     * Clears the subscriber's failures and lock, for a member of staff who confirmed who is asking, and records
     * {@code IDENTIFIER_UNLOCKED} with the staff user.
     *
     * @return whether the number was locked
     */
    public boolean unlock(Subscriber subscriber, String staffUser, String clientAddress) {
        boolean wasLocked = lockouts.clear(identifier(subscriber), clock.instant());
        securityLog.record(new SecurityEvent(SecurityEventType.IDENTIFIER_UNLOCKED, clock.instant(), subscriber.id(),
                subscriber.msisdnE164(), clientAddress, "unlocked", "unlocked by staff " + staffUser
                        + (wasLocked ? "" : "; it was not locked, its failure count was cleared")));
        return wasLocked;
    }

    private void record(SecurityEventType type, ProofAttempt attempt, String outcome, String reason) {
        Subscriber subscriber = attempt.subscriber();
        securityLog.record(new SecurityEvent(type, clock.instant(), subscriber.id(), subscriber.msisdnE164(),
                attempt.clientAddress(), outcome, reason));
    }

    private static SignInIdentifier identifier(Subscriber subscriber) {
        return new SignInIdentifier(subscriber.msisdnE164(), Optional.of(subscriber.msisdnE164()));
    }
}
