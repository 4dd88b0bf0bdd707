package org.selfcare.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers the sessions that a newer sign-in ended, until each would have timed out anyway, so that a client
 * presenting one learns that it was signed out because its account signed in elsewhere. Rows are keyed by the
 * SHA-256 digest of the session id, so the table never holds a usable session id.
 */
@Component
class EndedSessions {

    private final JdbcClient jdbc;

    private final Clock clock;

    EndedSessions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores that the session was ended by a newer sign-in, and deletes the rows whose sessions have timed out.
     *
     * @param expiresAt when the session would have timed out had it been left alone
     */
    void add(String sessionId, long subscriberId, Instant expiresAt) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM ended_session WHERE expires_at < ?").param(Timestamp.from(now)).update();
        jdbc.sql("""
                INSERT INTO ended_session (session_id_sha256, subscriber_id, ended_at, expires_at)
                VALUES (?, ?, ?, ?) ON CONFLICT (session_id_sha256) DO NOTHING""")
                .params(sha256(sessionId), subscriberId, Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
    }

    /**
     * Returns whether a newer sign-in ended this session and the session would still be alive without it.
     */
    boolean wasEndedByNewerSignIn(String sessionId) {
        return jdbc.sql("SELECT count(*) FROM ended_session WHERE session_id_sha256 = ? AND expires_at >= ?")
                .params(sha256(sessionId), Timestamp.from(clock.instant()))
                .query(Long.class)
                .single() > 0;
    }

    private static byte[] sha256(String sessionId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", ex);
        }
    }
}
