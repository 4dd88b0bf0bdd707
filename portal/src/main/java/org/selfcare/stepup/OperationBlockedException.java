package org.selfcare.stepup;

import java.time.Instant;

/**
 * A severe pattern blocks the subscriber's purchases and subscription changes until {@link #blockedUntil()}.
 * Rendered as 403 {@code operation_blocked} with a plain message that says until when.
 */
public class OperationBlockedException extends RuntimeException {

    private final Instant blockedUntil;

    public OperationBlockedException(Instant blockedUntil) {
        super("Operations blocked until " + blockedUntil, null, false, false);
        this.blockedUntil = blockedUntil;
    }

    public Instant blockedUntil() {
        return blockedUntil;
    }
}
