package org.selfcare.identity;

import java.time.Instant;

/**
 * One counted attempt to prove a subscriber's identity with something other than the sign-in password: a
 * second-authentication code, the service password or purchase data. It is counted before the secret is checked,
 * together with sign-in attempts on the same number.
 */
public final class ProofAttempt {

    private final Subscriber subscriber;

    private final String clientAddress;

    private final String method;

    private final SignInAttempt counted;

    ProofAttempt(Subscriber subscriber, String clientAddress, String method, SignInAttempt counted) {
        this.subscriber = subscriber;
        this.clientAddress = clientAddress;
        this.method = method;
        this.counted = counted;
    }

    /**
     * Returns whether the account is locked, so the secret must not be checked at all.
     */
    public boolean refused() {
        return counted.refused();
    }

    /**
     * Returns when the current lock ends, or {@code null} when the account is not locked.
     */
    public Instant lockedUntil() {
        return counted.lockedUntil();
    }

    Subscriber subscriber() {
        return subscriber;
    }

    String clientAddress() {
        return clientAddress;
    }

    String method() {
        return method;
    }

    SignInAttempt counted() {
        return counted;
    }
}
