package org.selfcare.stepup;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time SMS codes: six digits, single use, at most {@link #MAX_FAILED_ENTRIES} wrong entries, bound to subscriber,
 * session and purpose.
 */
@Component
class SmsCodes {

    static final int MAX_FAILED_ENTRIES = 3;

    private static final int CODE_RANGE = 1_000_000;

    private final JdbcClient jdbc;

    private final CodeHasher hasher;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    SmsCodes(JdbcClient jdbc, CodeHasher hasher, Clock clock) {
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Creates a code that replaces any earlier one for the same subscriber, session and purpose, and deletes expired
     * codes. Runs in the caller's transaction, so the code exists if and only if its SMS is queued.
     *
     * @return the code in clear, to be sent and then forgotten
     */
    @Transactional
    IssuedCode issue(long subscriberId, String sessionBinding, Purpose purpose, Instant expiresAt) {
        String code = String.format("%06d", random.nextInt(CODE_RANGE));
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("DELETE FROM step_up_code WHERE expires_at <= ?").param(now).update();
        jdbc.sql("""
                INSERT INTO step_up_code (subscriber_id, session_binding, purpose, code_hash, expires_at,
                                          failed_entries, used_at, created_at)
                VALUES (?, ?, ?, ?, ?, 0, NULL, ?)
                ON CONFLICT (subscriber_id, session_binding, purpose) DO UPDATE
                    SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, failed_entries = 0,
                        used_at = NULL, created_at = excluded.created_at""")
                .params(subscriberId, sessionBinding, purpose.pathName(),
                        hasher.hash(subscriberId, sessionBinding, purpose, code), Timestamp.from(expiresAt), now)
                .update();
        return new IssuedCode(code, expiresAt);
    }

    /**
     * Checks an entered code and uses it up when it is right. A wrong entry counts against the code. The row is
     * locked while it is checked, so concurrent entries cannot use one code twice or exceed its wrong entries.
     *
     * @return whether the code was right, unused, unexpired and had wrong entries left
     */
    @Transactional
    boolean consume(long subscriberId, String sessionBinding, Purpose purpose, String entered) {
        Optional<StoredCode> stored = jdbc.sql("""
                SELECT id, code_hash, expires_at, failed_entries, used_at FROM step_up_code
                WHERE subscriber_id = ? AND session_binding = ? AND purpose = ? FOR UPDATE""")
                .params(subscriberId, sessionBinding, purpose.pathName())
                .query((rows, number) -> new StoredCode(rows.getLong(1), rows.getBytes(2),
                        rows.getTimestamp(3).toInstant(), rows.getInt(4), rows.getTimestamp(5) != null))
                .optional();
        if (stored.isEmpty()) {
            return false;
        }
        StoredCode code = stored.get();
        boolean usable = !code.used() && code.failedEntries() < MAX_FAILED_ENTRIES
                && clock.instant().isBefore(code.expiresAt());
        boolean right = MessageDigest.isEqual(code.hash(), hasher.hash(subscriberId, sessionBinding, purpose, entered));
        if (usable && right) {
            jdbc.sql("UPDATE step_up_code SET used_at = ? WHERE id = ?")
                    .params(Timestamp.from(clock.instant()), code.id())
                    .update();
            return true;
        }
        if (usable) {
            jdbc.sql("UPDATE step_up_code SET failed_entries = failed_entries + 1 WHERE id = ?").param(code.id()).update();
        }
        return false;
    }

    /**
     * A code just created.
     *
     * @param code six digits in clear
     * @param expiresAt first instant at which it is no longer accepted
     */
    record IssuedCode(String code, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedCode[code=[PROTECTED], expiresAt=" + expiresAt + "]";
        }
    }

    private record StoredCode(long id, byte[] hash, Instant expiresAt, int failedEntries, boolean used) {
    }
}
