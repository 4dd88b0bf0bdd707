package org.selfcare.operator.staff;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.password.PasswordOwner;
import org.selfcare.identity.password.PasswordPolicy;
import org.selfcare.identity.password.PasswordRule;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes a signed-in member of staff's own password. The new password must meet the portal's password policy,
 * the one subscribers' passwords meet, with the username in place of the subscriber's name. The current password
 * and a fresh TOTP code are checked as at sign-in, under the same lockout. A change stores the Argon2id hash, ends
 * the account's other sessions and is recorded in the security log, never with a password in it. A change refused
 * while the account is locked, by that failure or earlier ones, ends every session of the account, the requesting
 * one too. A session that cannot give the password may have been taken over, and it could otherwise act until the
 * lock ends.
 */
@Service
public class StaffPasswordChange {

    private final StaffSignIn signIn;

    private final PasswordPolicy policy;

    private final PasswordEncoder passwordEncoder;

    private final StaffSessions sessions;

    private final StaffDirectory directory;

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final SecurityLog securityLog;

    private final Clock clock;

    StaffPasswordChange(StaffSignIn signIn, PasswordPolicy policy, PasswordEncoder passwordEncoder,
            StaffSessions sessions, StaffDirectory directory, JdbcClient jdbc, TransactionTemplate transactions,
            SecurityLog securityLog, Clock clock) {
        this.signIn = signIn;
        this.policy = policy;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.directory = directory;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    /**
     * Replaces the password of {@code username} with {@code newPassword}. The policy is applied first, so a new
     * password that breaks it neither counts as a failed attempt nor uses up the TOTP code.
     *
     * @param keptSessionId the session that requests the change, which stays signed in
     * @param clientAddress the client's IP address, for the security log
     */
    public Outcome change(String username, String currentPassword, String code, String newPassword,
            String keptSessionId, String clientAddress) {
        String name = StaffDirectory.normalise(username);
        List<PasswordRule> broken = brokenRules(name, currentPassword, newPassword);
        if (!broken.isEmpty()) {
            record(SecurityEventType.STAFF_PASSWORD_CHANGE_REJECTED, name, clientAddress, "failure",
                    "new password breaks the policy: "
                            + broken.stream().map(PasswordRule::code).collect(Collectors.joining(", ")));
            return Outcome.policyBroken(broken);
        }

        StaffPrincipal staff;
        try {
            staff = signIn.confirmPasswordChange(name, currentPassword, code, clientAddress);
        }
        catch (BadCredentialsException ex) {
            // StaffSignIn has recorded the reason and counted the attempt.
            if (directory.find(name).filter((account) -> account.lockedAt(clock.instant())).isEmpty()) {
                return Outcome.credentialsRejected();
            }
            int ended = sessions.end(name);
            record(SecurityEventType.STAFF_PASSWORD_CHANGE_REJECTED, name, clientAddress, "locked",
                    "the account is locked, so its sessions ended, this one too: " + ended);
            return Outcome.sessionsEnded();
        }

        String hash = passwordEncoder.encode(newPassword);
        // One transaction, so a session that knew the old password cannot outlive the change.
        int ended = transactions.execute((status) -> {
            jdbc.sql("UPDATE staff_account SET password_hash = ? WHERE id = ?")
                    .params(hash, staff.id())
                    .update();
            return sessions.endOthers(name, keptSessionId);
        });
        record(SecurityEventType.STAFF_PASSWORD_CHANGED, name, clientAddress, "success",
                "changed by the member of staff; other sessions ended: " + ended);
        return Outcome.changed();
    }

    private List<PasswordRule> brokenRules(String username, String currentPassword, String newPassword) {
        // Staff have no phone number, so only the username is checked as the owner's name.
        List<PasswordRule> broken = new ArrayList<>(policy.check(newPassword, new PasswordOwner("", "", username)));
        if (newPassword.equals(currentPassword)) {
            broken.add(PasswordRule.SAME_AS_CURRENT);
        }
        return broken;
    }

    private void record(SecurityEventType type, String username, String clientAddress, String outcome,
            String reason) {
        securityLog.record(new SecurityEvent(type, clock.instant(), null, username, clientAddress, outcome, reason));
    }

    /**
     * The result of a change request.
     *
     * @param status what happened
     * @param brokenRules the rules the new password breaks, when the status is {@link Status#POLICY_BROKEN}
     */
    public record Outcome(Status status, List<PasswordRule> brokenRules) {

        public enum Status {

            CHANGED, CREDENTIALS_REJECTED, POLICY_BROKEN,

            /** The credentials were rejected and the account is locked, so all its sessions have ended. */
            SESSIONS_ENDED
        }

        static Outcome changed() {
            return new Outcome(Status.CHANGED, List.of());
        }

        static Outcome credentialsRejected() {
            return new Outcome(Status.CREDENTIALS_REJECTED, List.of());
        }

        static Outcome sessionsEnded() {
            return new Outcome(Status.SESSIONS_ENDED, List.of());
        }

        static Outcome policyBroken(List<PasswordRule> brokenRules) {
            return new Outcome(Status.POLICY_BROKEN, List.copyOf(brokenRules));
        }
    }
}
