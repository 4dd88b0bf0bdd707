package org.selfcare.stepup;

import java.util.Objects;

/**
 * The second authentication a client sends with an operation: an SMS code it asked for, or the service password.
 */
public record Confirmation(ProofMethod method, String secret) {

    public Confirmation {
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(secret, "secret must not be null");
    }

    @Override
    public String toString() {
        return "Confirmation[method=" + method + ", secret=[PROTECTED]]";
    }
}
