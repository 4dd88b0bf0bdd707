package org.selfcare.integrity;

import java.time.Instant;

/**
 * The nonces that signed requests have used, kept past the request window so a captured request cannot be sent
 * again, also to another node or after a restart.
 */
public interface NonceStore {

    /**
     * Records a nonce of a session key, and returns {@code false} when that key used it before.
     *
     * @param expiresAt when the nonce may be forgotten
     */
    boolean recordFirstUse(String keyId, String nonce, Instant expiresAt);

    /**
     * Deletes the nonces that expired before {@code now} and returns how many.
     */
    int deleteExpired(Instant now);
}
