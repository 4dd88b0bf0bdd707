package org.selfcare.operator.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a staff sign-in, and the same credentials again before a password change: username, password and TOTP
 * code, behind one lockout per account for both. The attempt is counted under a row lock before any secret is
 * checked, so concurrent attempts cannot get past the limit, and a locked account is refused without a check.
 * Every refusal throws the same exception, so the page cannot tell a wrong password from a wrong code, a replayed
 * code, a disabled account or a lock. The security log records which.
 */
@Component
public class StaffSignIn {

    /** Hashed for unknown usernames, so they cost the same time as a wrong password. */
    private final String unknownUserHash;

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final PasswordEncoder passwordEncoder;

    private final TotpSecretCipher cipher;

    private final SecurityLog securityLog;

    private final StaffProperties properties;

    private final Clock clock;

    StaffSignIn(JdbcClient jdbc, TransactionTemplate transactions, PasswordEncoder passwordEncoder,
            TotpSecretCipher cipher, SecurityLog securityLog, StaffProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.passwordEncoder = passwordEncoder;
        this.cipher = cipher;
        this.securityLog = securityLog;
        this.properties = properties;
        this.clock = clock;
        this.unknownUserHash = passwordEncoder.encode("no staff account has this password");
    }

    /**
     * Returns the member of staff when every check passes.
     *
     * @throws BadCredentialsException for every refusal
     */
    public StaffPrincipal signIn(String username, String password, String code, String clientAddress) {
        return check(username, password, code, clientAddress, Purpose.SIGN_IN);
    }

    /**
     * Checks the password and TOTP code of a signed-in member of staff who requests a password change. The
     * check counts towards the same lockout as a sign-in and uses up the code's time step, so a stolen session
     * cannot guess the password faster than the sign-in page allows. A refusal is recorded as
     * {@code STAFF_PASSWORD_CHANGE_REJECTED} and a success is not recorded, because the caller records the change.
     *
     * @throws BadCredentialsException for every refusal
     */
    public StaffPrincipal confirmPasswordChange(String username, String password, String code,
            String clientAddress) {
        return check(username, password, code, clientAddress, Purpose.PASSWORD_CHANGE);
    }

    private StaffPrincipal check(String username, String password, String code, String clientAddress,
            Purpose purpose) {
        String name = StaffDirectory.normalise(username);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Attempt> begun = begin(name, now);
        if (begun.isEmpty()) {
            passwordEncoder.matches(String.valueOf(password), unknownUserHash);
            // The typed name may be a password typed into the wrong field, so an unknown one is not logged.
            throw refused(purpose, null, clientAddress, "failure", "unknown username");
        }
        Attempt attempt = begun.get();
        if (attempt.refused()) {
            throw refused(purpose, name, clientAddress, "locked", "the account is locked until "
                    + attempt.lockedUntil());
        }

        String problem = problem(attempt, password, code, now);
        if (problem == null && claimStep(attempt, now)) {
            if (purpose == Purpose.SIGN_IN) {
                record(SecurityEventType.STAFF_SIGN_IN_SUCCEEDED, name, clientAddress, "success",
                        "password and TOTP code accepted; role " + attempt.role().code());
            }
            return new StaffPrincipal(attempt.id(), name, attempt.role());
        }
        String reason = ((problem != null) ? problem : "TOTP code used before") + "; attempt " + attempt.number();
        if (attempt.lockedUntil() != null) {
            reason += "; locked until " + attempt.lockedUntil();
        }
        throw refused(purpose, name, clientAddress, (attempt.lockedUntil() != null) ? "locked" : "failure", reason);
    }

    private String problem(Attempt attempt, String password, String code, Instant now) {
        if (!passwordEncoder.matches(String.valueOf(password), attempt.passwordHash())) {
            return "wrong password";
        }
        if (!attempt.enabled()) {
            return "the account is disabled";
        }
        String secret = cipher.decrypt(attempt.totpSecret(), attempt.totpKeyId(), attempt.username());
        OptionalLong step = TotpCodes.matchingStep(secret, code, now);
        if (step.isEmpty()) {
            return "wrong TOTP code";
        }
        if (step.getAsLong() <= attempt.lastStep()) {
            return "TOTP code used before";
        }
        attempt.matchedStep = step.getAsLong();
        return null;
    }

    /**
     * Records the step as used and clears the count, in one conditional statement, so two sign-ins with the same
     * code at once cannot both pass.
     */
    private boolean claimStep(Attempt attempt, Instant now) {
        return jdbc.sql("""
                UPDATE staff_account SET totp_last_step = ?, attempts = 0, locked_until = NULL
                WHERE id = ? AND totp_last_step < ?""")
                .params(attempt.matchedStep, attempt.id(), attempt.matchedStep)
                .update() == 1;
    }

    /** Counts the attempt and decides whether it may be checked; empty for an unknown username. */
    private Optional<Attempt> begin(String name, Instant now) {
        return transactions.execute((status) -> {
            Optional<Attempt> stored = jdbc.sql("""
                    SELECT id, username, password_hash, role, totp_secret, totp_key_id, totp_last_step, enabled,
                           attempts, locked_until, last_attempt_at
                    FROM staff_account WHERE username = ? FOR UPDATE""")
                    .param(name)
                    .query((row, rowNumber) -> new Attempt(row.getLong("id"), row.getString("username"),
                            row.getString("password_hash"), StaffRole.valueOf(row.getString("role")),
                            row.getBytes("totp_secret"), row.getString("totp_key_id"), row.getLong("totp_last_step"),
                            row.getBoolean("enabled"), row.getInt("attempts"), instant(row, "locked_until"),
                            instant(row, "last_attempt_at")))
                    .optional();
            stored.ifPresent((attempt) -> {
                attempt.count(now, properties);
                jdbc.sql("UPDATE staff_account SET attempts = ?, locked_until = ?, last_attempt_at = ? WHERE id = ?")
                        .params(attempt.number(), timestamp(attempt.lockedUntil()), Timestamp.from(now), attempt.id())
                        .update();
            });
            return stored;
        });
    }

    private BadCredentialsException refused(Purpose purpose, String username, String clientAddress, String outcome,
            String reason) {
        record(purpose.failure, username, clientAddress, outcome, reason);
        return new BadCredentialsException("Staff credentials rejected");
    }

    private void record(SecurityEventType type, String username, String clientAddress, String outcome,
            String reason) {
        securityLog.record(new SecurityEvent(type, clock.instant(), null, username, clientAddress, outcome, reason));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return (value == null) ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return (instant == null) ? null : Timestamp.from(instant);
    }

    /** Why the credentials are checked, which decides the event type of a refusal. */
    private enum Purpose {

        SIGN_IN(SecurityEventType.STAFF_SIGN_IN_FAILED),
        PASSWORD_CHANGE(SecurityEventType.STAFF_PASSWORD_CHANGE_REJECTED);

        private final SecurityEventType failure;

        Purpose(SecurityEventType failure) {
            this.failure = failure;
        }
    }

    /**
     * One attempt on a stored account: the row as read, then the count this attempt gives it.
     */
    private static final class Attempt {

        private final long id;

        private final String username;

        private final String passwordHash;

        private final StaffRole role;

        private final byte[] totpSecret;

        private final String totpKeyId;

        private final long lastStep;

        private final boolean enabled;

        private int number;

        private Instant lockedUntil;

        private final Instant lastAttemptAt;

        private boolean refused;

        private long matchedStep;

        Attempt(long id, String username, String passwordHash, StaffRole role, byte[] totpSecret, String totpKeyId,
                long lastStep, boolean enabled, int attempts, Instant lockedUntil, Instant lastAttemptAt) {
            this.id = id;
            this.username = username;
            this.passwordHash = passwordHash;
            this.role = role;
            this.totpSecret = totpSecret;
            this.totpKeyId = totpKeyId;
            this.lastStep = lastStep;
            this.enabled = enabled;
            this.number = attempts;
            this.lockedUntil = lockedUntil;
            this.lastAttemptAt = lastAttemptAt;
        }

        /**
         * A locked account rejects the attempt and keeps its lock. Otherwise failures count while each follows the
         * previous attempt within the lock duration. The attempt that reaches the limit sets the lock as it begins,
         * and a success lifts it with the count.
         */
        void count(Instant now, StaffProperties properties) {
            if (lockedUntil != null && lockedUntil.isAfter(now)) {
                refused = true;
                return;
            }
            boolean fresh = lockedUntil != null || number == 0 || lastAttemptAt == null
                    || !lastAttemptAt.plus(properties.lockDuration()).isAfter(now);
            number = fresh ? 1 : number + 1;
            lockedUntil = (number >= properties.maxFailures()) ? now.plus(properties.lockDuration()) : null;
        }

        long id() {
            return id;
        }

        String username() {
            return username;
        }

        String passwordHash() {
            return passwordHash;
        }

        StaffRole role() {
            return role;
        }

        byte[] totpSecret() {
            return totpSecret;
        }

        String totpKeyId() {
            return totpKeyId;
        }

        long lastStep() {
            return lastStep;
        }

        boolean enabled() {
            return enabled;
        }

        int number() {
            return number;
        }

        Instant lockedUntil() {
            return lockedUntil;
        }

        boolean refused() {
            return refused;
        }
    }
}
