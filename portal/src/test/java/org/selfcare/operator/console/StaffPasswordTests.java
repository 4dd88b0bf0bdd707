package org.selfcare.operator.console;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.operator.staff.StaffCredentials;
import org.selfcare.operator.staff.StaffDirectory;
import org.selfcare.operator.staff.StaffRole;
import org.selfcare.operator.staff.TotpCodes;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member of staff changes their own password on {@code /console/password}. The page requires the current
 * password and a fresh TOTP code under the sign-in lockout, applies the password policy, keeps the session that
 * made the change and ends the others. TOTP codes of increasing steps (offsets -1, 0 and +1 from the step the
 * test began in) stand in for codes read at later times, because a step that was used once is rejected.
 */
@ConsoleTest
class StaffPasswordTests {

    static final String NEW_PASSWORD = "Quiet-Harbour-7-Lantern!";

    static final String CREDENTIALS_WRONG = "The current password or the code is not correct, or the account is "
            + "locked.";

    @Autowired
    Environment environment;

    @Autowired
    StaffDirectory staffDirectory;

    @Autowired
    JdbcClient jdbc;

    /** Time the first sign-in of a test needs before its step ends, or its code of the step before is too old. */
    static final Duration FIRST_SIGN_IN_TIME = Duration.ofSeconds(5);

    int operatorPort;

    /** The step the test's codes count from. */
    long step;

    @BeforeEach
    void operatorPort() {
        operatorPort = environment.getRequiredProperty("local.operator.port", Integer.class);
    }

    /**
     * Begins the test early enough in a step. The server accepts the step before its own for one step only, so a
     * code of offset -1 read in the last moments of a step would be refused once the sign-in reached it.
     */
    @BeforeEach
    void beginEarlyInStep() throws InterruptedException {
        long periodMillis = Duration.ofSeconds(TotpCodes.PERIOD_SECONDS).toMillis();
        long leftMillis = periodMillis - Math.floorMod(Instant.now().toEpochMilli(), periodMillis);
        if (leftMillis < FIRST_SIGN_IN_TIME.toMillis()) {
            Thread.sleep(leftMillis + 100);
        }
        step = TotpCodes.step(Instant.now());
    }

    @Test
    void changedPasswordReplacesOldAtSignIn() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support, -1);

        HttpResponse<String> change = change(staff, support.password(), code(support, 0), NEW_PASSWORD);

        assertThat(change.statusCode()).isEqualTo(302);
        assertThat(change.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console/password?changed"));
        assertThat(staff.get("/console/password?changed").body()).contains("Your password has been changed.");
        assertThat(events("STAFF_PASSWORD_CHANGED", support.username())).isEqualTo(1);

        StaffClient withOld = new StaffClient(operatorPort);
        HttpResponse<String> oldSignIn = withOld.signIn(support.username(), support.password(),
                code(support, 1));
        assertThat(oldSignIn.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console/signin?failed"));

        StaffClient withNew = new StaffClient(operatorPort);
        HttpResponse<String> newSignIn = withNew.signIn(support.username(), NEW_PASSWORD,
                code(support, 1));
        assertThat(newSignIn.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console"));
        assertThat(withNew.get("/console").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongCurrentPasswordIsRejected() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support, -1);

        HttpResponse<String> change = change(staff, "not-the-password", code(support, 0), NEW_PASSWORD);

        assertThat(change.statusCode()).isEqualTo(400);
        assertThat(change.body()).contains(CREDENTIALS_WRONG);
        assertThat(events("STAFF_PASSWORD_CHANGE_REJECTED", support.username(), "%wrong password; attempt 1%"))
                .isEqualTo(1);
        assertThat(events("STAFF_PASSWORD_CHANGED", support.username())).isZero();
        assertSignsIn(support, support.password(), 1);
    }

    @Test
    void wrongTotpCodeIsRejected() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support, -1);

        String wrongCode = StaffClient.wrongCode(code(support, 0));
        HttpResponse<String> change = change(staff, support.password(), wrongCode, NEW_PASSWORD);

        assertThat(change.statusCode()).isEqualTo(400);
        assertThat(change.body()).contains(CREDENTIALS_WRONG);
        assertThat(events("STAFF_PASSWORD_CHANGE_REJECTED", support.username(), "%wrong TOTP code%")).isEqualTo(1);
        assertSignsIn(support, support.password(), 1);
    }

    @Test
    void codeThatSignedInIsRejected() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        String code = code(support, 0);
        StaffClient staff = new StaffClient(operatorPort);
        assertThat(staff.signIn(support.username(), support.password(), code).statusCode()).isEqualTo(302);

        HttpResponse<String> change = change(staff, support.password(), code, NEW_PASSWORD);

        assertThat(change.statusCode()).isEqualTo(400);
        assertThat(change.body()).contains(CREDENTIALS_WRONG);
        assertThat(events("STAFF_PASSWORD_CHANGE_REJECTED", support.username(), "%TOTP code used before%"))
                .isEqualTo(1);
        assertThat(events("STAFF_PASSWORD_CHANGED", support.username())).isZero();
    }

    @Test
    void failuresCountTowardsSignInLock() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support, -1);
        StaffClient attacker = new StaffClient(operatorPort);
        attacker.signIn(support.username(), "wrong-at-sign-in", code(support, 1));

        HttpResponse<String> first = change(staff, "wrong-0", code(support, 1), NEW_PASSWORD);
        HttpResponse<String> locking = change(staff, "wrong-1", code(support, 1), NEW_PASSWORD);

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(first.body()).contains(CREDENTIALS_WRONG);
        assertThat(locking.statusCode()).isEqualTo(302);
        assertThat(locking.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console/signin?ended"));
        assertThat(staffDirectory.find(support.username())).get()
                .satisfies((account) -> assertThat(account.lockedUntil()).isNotNull());
        assertThat(events("STAFF_PASSWORD_CHANGE_REJECTED", support.username(), "%locked until%")).isEqualTo(1);
        assertThat(events("STAFF_PASSWORD_CHANGE_REJECTED", support.username(),
                "%its sessions ended, this one too: 1")).isEqualTo(1);
        assertThat(events("STAFF_PASSWORD_CHANGED", support.username())).isZero();
        HttpResponse<String> signIn = new StaffClient(operatorPort).signIn(support.username(), support.password(),
                code(support, 1));
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console/signin?failed"));
    }

    @Test
    void lockEndsEverySession() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient other = signedIn(support, -1);
        StaffClient staff = signedIn(support, 0);
        for (int i = 0; i < 2; i++) {
            new StaffClient(operatorPort).signIn(support.username(), "wrong-at-sign-in-" + i, code(support, 1));
        }

        HttpResponse<String> locking = change(staff, "wrong", code(support, 1), NEW_PASSWORD);

        assertThat(locking.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console/signin?ended"));
        assertThat(staff.get("/console").headers().firstValue("Location")).as("this session ended")
                .hasValueSatisfying((to) -> assertThat(to).endsWith("/console/signin"));
        assertThat(other.get("/console").headers().firstValue("Location")).as("the other session ended")
                .hasValueSatisfying((to) -> assertThat(to).endsWith("/console/signin"));
        assertThat(staff.get("/console/signin?ended").body()).contains("your console sessions have ended");
    }

    @Test
    void policyNamesBrokenRule() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support, -1);
        String code = code(support, 0);

        HttpResponse<String> tooShort = change(staff, support.password(), code, "Ab1!");
        HttpResponse<String> withName = change(staff, support.password(), code,
                "Quiet-" + support.username() + "-Harbour-7!");
        HttpResponse<String> same = change(staff, support.password(), code, support.password());

        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(tooShort.body()).contains("The new password is too short: use at least 10 characters.");
        assertThat(withName.statusCode()).isEqualTo(422);
        assertThat(withName.body()).contains("The new password contains your username or a part of it.");
        assertThat(same.statusCode()).isEqualTo(422);
        assertThat(same.body()).contains("The new password must differ from the current one.");
        assertThat(events("STAFF_PASSWORD_CHANGE_REJECTED", support.username(), "%too-short%")).isEqualTo(1);
        assertThat(events("STAFF_PASSWORD_CHANGE_REJECTED", support.username(), "%contains-name%")).isEqualTo(1);
        assertThat(staffDirectory.find(support.username())).get()
                .satisfies((account) -> assertThat(account.lockedUntil()).as("not counted").isNull());

        HttpResponse<String> valid = change(staff, support.password(), code, NEW_PASSWORD);
        assertThat(valid.statusCode()).as("the code is still unused").isEqualTo(302);
    }

    @Test
    void mismatchedRepeatIsRejected() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support, -1);

        HttpResponse<String> change = staff.post("/console/password", "/console/password",
                Map.of("currentPassword", support.password(), "code", code(support, 0),
                        "newPassword", NEW_PASSWORD, "repeatPassword", NEW_PASSWORD + "x"));

        assertThat(change.statusCode()).isEqualTo(400);
        assertThat(change.body()).contains("The two new passwords are not the same.");
        assertThat(events("STAFF_PASSWORD_CHANGED", support.username())).isZero();
    }

    @Test
    void formWithoutCsrfTokenIsRefused() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support, -1);

        HttpResponse<String> change = staff.postForm("/console/password", fields(support.password(),
                code(support, 0), NEW_PASSWORD), null);

        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(events("STAFF_ACCESS_DENIED", support.username(), "%/console/password: CSRF%")).isEqualTo(1);
        assertThat(events("STAFF_PASSWORD_CHANGED", support.username())).isZero();
        assertSignsIn(support, support.password(), 1);
    }

    @Test
    void changeEndsOtherSessionsOnly() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient other = signedIn(support, -1);
        StaffClient staff = signedIn(support, 0);
        String sessionBefore = staff.cookie(StaffClient.STAFF_COOKIE);

        HttpResponse<String> change = change(staff, support.password(), code(support, 1), NEW_PASSWORD);

        assertThat(change.statusCode()).isEqualTo(302);
        assertThat(staff.get("/console").statusCode()).as("this session stays").isEqualTo(200);
        assertThat(staff.cookie(StaffClient.STAFF_COOKIE)).as("under a new id").isNotEqualTo(sessionBefore);
        HttpResponse<String> ended = other.get("/console");
        assertThat(ended.statusCode()).as("the other session ended").isEqualTo(302);
        assertThat(ended.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console/signin"));
        assertThat(events("STAFF_PASSWORD_CHANGED", support.username(), "%other sessions ended: 1")).isEqualTo(1);
    }

    @Test
    void everyRoleReachesPage() {
        for (StaffRole role : StaffRole.values()) {
            StaffClient staff = signedIn(newStaff(role), 0);

            HttpResponse<String> page = staff.get("/console/password");

            assertThat(page.statusCode()).as(role.code()).isEqualTo(200);
            assertThat(page.body()).as(role.code()).contains("id=\"password-form\"")
                    .contains("href=\"/console/password\"");
        }
    }

    @Test
    void pageNeedsStaffSignIn() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient anonymous = new StaffClient(operatorPort);

        HttpResponse<String> page = anonymous.get("/console/password");
        HttpResponse<String> change = anonymous.post("/console/signin", "/console/password",
                fields(support.password(), code(support, 0), NEW_PASSWORD));

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console/signin"));
        assertThat(change.statusCode()).isEqualTo(302);
        assertThat(change.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console/signin"));
        assertThat(events("STAFF_PASSWORD_CHANGED", support.username())).isZero();
        assertSignsIn(support, support.password(), 1);
    }

    private HttpResponse<String> change(StaffClient staff, String currentPassword, String code, String newPassword) {
        return staff.post("/console/password", "/console/password", fields(currentPassword, code, newPassword));
    }

    private static Map<String, String> fields(String currentPassword, String code, String newPassword) {
        return Map.of("currentPassword", currentPassword, "code", code, "newPassword", newPassword,
                "repeatPassword", newPassword);
    }

    /** Returns the account's code for the step {@code offset} steps from the one the test began in. */
    private String code(StaffCredentials credentials, int offset) {
        return TotpCodes.code(credentials.totpSecret(), step + offset);
    }

    private StaffCredentials newStaff(StaffRole role) {
        return staffDirectory.add(role.code().replace("-", "") + StaffClient.uniqueSuffix(), role, "test");
    }

    /** Signs in with the code of the step {@code offset} steps from the one the test began in. */
    private StaffClient signedIn(StaffCredentials credentials, int offset) {
        StaffClient staff = new StaffClient(operatorPort);
        HttpResponse<String> response = staff.signIn(credentials.username(), credentials.password(),
                code(credentials, offset));
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console"));
        return staff;
    }

    private void assertSignsIn(StaffCredentials credentials, String password, int offset) {
        HttpResponse<String> response = new StaffClient(operatorPort).signIn(credentials.username(), password,
                code(credentials, offset));
        assertThat(response.headers().firstValue("Location")).as("signs in with that password").hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console"));
    }

    private long events(String type, String identifier) {
        return events(type, identifier, "%");
    }

    private long events(String type, String identifier, String reasonPattern) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = ? AND identifier = ? AND reason LIKE ?")
                .params(type, identifier, reasonPattern)
                .query(Long.class)
                .single();
    }
}
