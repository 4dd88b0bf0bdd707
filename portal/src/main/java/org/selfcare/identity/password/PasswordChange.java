package org.selfcare.identity.password;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes a signed-in subscriber's password: checks the current one, applies the policy to the new one, stores
 * its Argon2id hash and records the outcome in the security log, never with a password in it.
 */
@Service
public class PasswordChange {

    private final JdbcClient jdbc;

    private final PasswordEncoder passwordEncoder;

    private final PasswordPolicy policy;

    private final SecurityLog securityLog;

    private final Clock clock;

    PasswordChange(JdbcClient jdbc, PasswordEncoder passwordEncoder, PasswordPolicy policy, SecurityLog securityLog,
            Clock clock) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.policy = policy;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    /**
     * Replaces the password of {@code subscriberId} with {@code newPassword} when {@code currentPassword} is
     * right and the new one meets the policy. The row stays locked from the check to the update, so two
     * concurrent changes cannot both pass the check against the same old hash.
     *
     * @param clientAddress the client's IP address, for the security log
     * @throws IllegalStateException when the subscriber does not exist
     */
    @Transactional
    public Outcome change(long subscriberId, String currentPassword, String newPassword, String clientAddress) {
        Credentials credentials = jdbc.sql("""
                SELECT msisdn, msisdn_e164, display_name, password_hash FROM subscriber WHERE id = ? FOR UPDATE""")
                .param(subscriberId)
                .query((rows, rowNumber) -> new Credentials(new PasswordOwner(rows.getString("msisdn"),
                        rows.getString("msisdn_e164"), rows.getString("display_name")),
                        rows.getString("password_hash")))
                .optional()
                .orElseThrow(() -> new IllegalStateException("Subscriber " + subscriberId + " does not exist"));
        String e164 = credentials.owner().msisdnE164();

        if (!passwordEncoder.matches(currentPassword, credentials.passwordHash())) {
            record(SecurityEventType.PASSWORD_CHANGE_REJECTED, subscriberId, e164, clientAddress, "failure",
                    "current password is not correct");
            return Outcome.wrongCurrentPassword();
        }

        List<PasswordRule> broken = policy.check(newPassword, credentials.owner());
        if (!broken.isEmpty()) {
            record(SecurityEventType.PASSWORD_CHANGE_REJECTED, subscriberId, e164, clientAddress, "failure",
                    "new password breaks the policy: "
                            + broken.stream().map(PasswordRule::code).collect(Collectors.joining(", ")));
            return Outcome.policyBroken(broken);
        }

        jdbc.sql("UPDATE subscriber SET password_hash = ? WHERE id = ?")
                .params(passwordEncoder.encode(newPassword), subscriberId)
                .update();
        record(SecurityEventType.PASSWORD_CHANGED, subscriberId, e164, clientAddress, "success",
                "changed by the subscriber");
        return Outcome.changed();
    }

    /**
     * Replaces the initial password of a provisioned subscriber who has passed the first sign-in's identity check,
     * and makes the subscriber active, in one transaction. The new password must meet the policy and differ from
     * the initial one.
     *
     * @param clientAddress the client's IP address, for the security log
     * @return {@link Outcome.Status#CHANGED}, {@link Outcome.Status#POLICY_BROKEN} or
     *         {@link Outcome.Status#NOT_PROVISIONED} when the subscriber is not (or no longer) provisioned
     */
    @Transactional
    public Outcome replaceInitialPassword(long subscriberId, String newPassword, String clientAddress) {
        Optional<Credentials> found = jdbc.sql("""
                SELECT msisdn, msisdn_e164, display_name, password_hash FROM subscriber
                WHERE id = ? AND status = 'PROVISIONED' FOR UPDATE""")
                .param(subscriberId)
                .query((rows, rowNumber) -> new Credentials(new PasswordOwner(rows.getString("msisdn"),
                        rows.getString("msisdn_e164"), rows.getString("display_name")),
                        rows.getString("password_hash")))
                .optional();
        if (found.isEmpty()) {
            return Outcome.notProvisioned();
        }
        Credentials credentials = found.get();
        String e164 = credentials.owner().msisdnE164();

        List<PasswordRule> broken = new ArrayList<>(policy.check(newPassword, credentials.owner()));
        if (broken.isEmpty() && passwordEncoder.matches(newPassword, credentials.passwordHash())) {
            // Hashing is slow, so the comparison with the initial password runs only for an otherwise valid one.
            broken.add(PasswordRule.SAME_AS_CURRENT);
        }
        if (!broken.isEmpty()) {
            record(SecurityEventType.PASSWORD_CHANGE_REJECTED, subscriberId, e164, clientAddress, "failure",
                    "new password at the first sign-in breaks the policy: "
                            + broken.stream().map(PasswordRule::code).collect(Collectors.joining(", ")));
            return Outcome.policyBroken(broken);
        }

        jdbc.sql("""
                UPDATE subscriber SET password_hash = ?, status = 'ACTIVE', initial_password_expires_at = NULL
                WHERE id = ?""")
                .params(passwordEncoder.encode(newPassword), subscriberId)
                .update();
        record(SecurityEventType.PASSWORD_CHANGED, subscriberId, e164, clientAddress, "success",
                "initial password replaced at the first sign-in");
        record(SecurityEventType.FIRST_SIGN_IN_COMPLETED, subscriberId, e164, clientAddress, "success",
                "identity checked and initial password replaced; the subscriber is active");
        return Outcome.changed();
    }

    private void record(SecurityEventType type, long subscriberId, String e164, String clientAddress,
            String outcome, String reason) {
        securityLog.record(new SecurityEvent(type, clock.instant(), subscriberId, e164, clientAddress, outcome,
                reason));
    }

    private record Credentials(PasswordOwner owner, String passwordHash) {

        @Override
        public String toString() {
            return "Credentials[owner=" + owner + ", passwordHash=[PROTECTED]]";
        }
    }

    /**
     * The result of a change request.
     *
     * @param status what happened
     * @param brokenRules the rules the new password breaks, when the status is {@link Status#POLICY_BROKEN}
     */
    public record Outcome(Status status, List<PasswordRule> brokenRules) {

        public enum Status {

            CHANGED, WRONG_CURRENT_PASSWORD, POLICY_BROKEN, NOT_PROVISIONED
        }

        static Outcome changed() {
            return new Outcome(Status.CHANGED, List.of());
        }

        static Outcome wrongCurrentPassword() {
            return new Outcome(Status.WRONG_CURRENT_PASSWORD, List.of());
        }

        static Outcome notProvisioned() {
            return new Outcome(Status.NOT_PROVISIONED, List.of());
        }

        static Outcome policyBroken(List<PasswordRule> brokenRules) {
            return new Outcome(Status.POLICY_BROKEN, List.copyOf(brokenRules));
        }
    }
}
