package org.selfcare.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts sign-in attempts per identifier in PostgreSQL. Each attempt is counted before its password is checked,
 * under a row lock, so concurrent attempts on one identifier are numbered one after another and no more than
 * {@code maxFailures} of them reach the password check before the lock.
 */
@Component
class SignInLockouts {

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final LockoutProperties properties;

    private final Clock clock;

    SignInLockouts(JdbcClient jdbc, TransactionTemplate transactions, LockoutProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Counts an attempt on {@code identifier} and returns whether it may go on to the password check.
     */
    SignInAttempt begin(SignInIdentifier identifier) {
        // PostgreSQL keeps microseconds and rounds finer values, which could move a stored lock end past the time
        // the clock later reads for it.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return transactions.execute((status) -> {
            // One statement creates the row or locks the existing one, and returns it as stored: the update
            // changes nothing, but takes the row lock that holds concurrent attempts until this one is counted.
            StoredState stored = jdbc.sql("""
                    INSERT INTO sign_in_lockout AS l (identifier, attempts, locked_until, last_attempt_at)
                    VALUES (?, 0, NULL, ?)
                    ON CONFLICT (identifier) DO UPDATE SET identifier = l.identifier
                    RETURNING attempts, locked_until, last_attempt_at""")
                    .params(identifier.key(), Timestamp.from(now))
                    .query((rows, rowNumber) -> new StoredState(rows.getInt("attempts"),
                            instant(rows.getTimestamp("locked_until")), instant(rows.getTimestamp("last_attempt_at"))))
                    .single();
            // A row with no attempts was inserted just now or reset by a success, so there is no earlier attempt to time.
            Instant lastAttemptAt = (stored.attempts() == 0) ? null : stored.lastAttemptAt();
            SignInAttempt attempt = SignInAttempt.next(stored.attempts(), stored.lockedUntil(), lastAttemptAt, now,
                    properties.maxFailures(), properties.duration());
            jdbc.sql("""
                    UPDATE sign_in_lockout SET attempts = ?, locked_until = ?, last_attempt_at = ?
                    WHERE identifier = ?""")
                    .params(attempt.number(), timestamp(attempt.lockedUntil()), Timestamp.from(now), identifier.key())
                    .update();
            return attempt;
        });
    }

    /**
     * Clears the count and any lock after a successful sign-in. Only an attempt that {@link #begin} let through
     * can succeed, so this never lifts a lock that refused the attempt.
     */
    void succeeded(SignInIdentifier identifier) {
        jdbc.sql("UPDATE sign_in_lockout SET attempts = 0, locked_until = NULL WHERE identifier = ?")
                .param(identifier.key())
                .update();
    }

    /**
     * Returns the end of the lock on {@code identifier} when it is locked at {@code now}.
     */
    Optional<Instant> lockedUntil(SignInIdentifier identifier, Instant now) {
        return jdbc.sql("SELECT locked_until FROM sign_in_lockout WHERE identifier = ? AND locked_until > ?")
                .params(identifier.key(), Timestamp.from(now))
                .query((rows, rowNumber) -> rows.getTimestamp(1).toInstant())
                .optional();
    }

    /**
     * Clears the count and any lock of {@code identifier}, for a member of staff who unlocks it.
     *
     * @return whether it was locked
     */
    boolean clear(SignInIdentifier identifier, Instant now) {
        return transactions.execute((status) -> {
            boolean locked = lockedUntil(identifier, now).isPresent();
            jdbc.sql("UPDATE sign_in_lockout SET attempts = 0, locked_until = NULL WHERE identifier = ?")
                    .param(identifier.key())
                    .update();
            return locked;
        });
    }

    /**
     * Deletes the rows of identifiers with no attempt since {@code idleSince} that are not locked. Such a
     * row counts nothing any more: a lock lasts at most 24 hours, and failures further apart than the lock
     * duration start a new count. Returns how many rows went.
     */
    int purgeIdle(Instant idleSince, Instant now) {
        return jdbc.sql("""
                DELETE FROM sign_in_lockout
                WHERE last_attempt_at < ? AND (locked_until IS NULL OR locked_until < ?)""")
                .params(Timestamp.from(idleSince), Timestamp.from(now))
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return (timestamp == null) ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return (instant == null) ? null : Timestamp.from(instant);
    }

    private record StoredState(int attempts, Instant lockedUntil, Instant lastAttemptAt) {
    }
}
