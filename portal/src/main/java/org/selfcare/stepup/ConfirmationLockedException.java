package org.selfcare.stepup;

import java.time.Instant;

/**
 * A confirmation attempt found the account locked, or locked it. Rendered as 423 {@code account_locked}, and the
 * session ends, as after failed proofs on the step-up page.
 */
class ConfirmationLockedException extends RuntimeException {

    private final Instant lockedUntil;

    ConfirmationLockedException(Instant lockedUntil) {
        super("Account locked until " + lockedUntil, null, false, false);
        this.lockedUntil = lockedUntil;
    }

    Instant lockedUntil() {
        return lockedUntil;
    }
}
