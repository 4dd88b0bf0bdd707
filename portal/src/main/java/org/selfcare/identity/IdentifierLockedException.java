package org.selfcare.identity;

import java.time.Instant;

import org.springframework.security.authentication.LockedException;

/**
 * Rejects a sign-in because its identifier is locked after too many failures. It extends {@link LockedException},
 * an account status exception, so no other authentication provider is asked after it.
 */
class IdentifierLockedException extends LockedException {

    private final transient Instant lockedUntil;

    IdentifierLockedException(Instant lockedUntil) {
        super("The identifier is locked");
        this.lockedUntil = lockedUntil;
    }

    Instant lockedUntil() {
        return lockedUntil;
    }
}
