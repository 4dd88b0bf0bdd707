package org.selfcare.integrity;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Nonces in the {@code request_nonce} table. Its primary key makes the check and the insert one atomic step, so
 * two nodes that receive the same request at once accept it only once.
 */
@Repository
class JdbcNonceStore implements NonceStore {

    private final JdbcTemplate jdbc;

    JdbcNonceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean recordFirstUse(String keyId, String nonce, Instant expiresAt) {
        int inserted = jdbc.update("""
                INSERT INTO request_nonce (session_key_id, nonce, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (session_key_id, nonce) DO NOTHING""", keyId, nonce, Timestamp.from(expiresAt));
        return inserted == 1;
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.update("DELETE FROM request_nonce WHERE expires_at < ?", Timestamp.from(now));
    }
}
