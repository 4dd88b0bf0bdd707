package org.selfcare.identity.firstsignin;

import java.time.Instant;

/**
 * The result of an identity check at the first sign-in.
 */
sealed interface Verification {

    /** The identity is proven, so the password step is open for this session. */
    record Verified() implements Verification {
    }

    /** The proof was wrong and counted toward the lockout. */
    record Wrong() implements Verification {
    }

    /** The account is locked until {@code lockedUntil}, by this attempt or an earlier one, so the session must end. */
    record Locked(Instant lockedUntil) implements Verification {
    }

    /** No method has this name, or the method is not offered. Nothing was counted. */
    record UnknownMethod() implements Verification {
    }

    /** A field is missing or malformed. Nothing was counted. */
    record InvalidInput(String messageKey) implements Verification {
    }
}
