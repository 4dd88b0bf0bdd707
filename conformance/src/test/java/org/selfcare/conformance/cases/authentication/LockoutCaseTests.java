package org.selfcare.conformance.cases.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.CaseRunner;

class LockoutCaseTests {

    @TempDir
    Path folder;

    @Test
    void passesWhenAccountLocks() throws Exception {
        try (SignInSite site = new SignInSite().start()) {
            CaseResult result = CaseRunner.run(new LockoutCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings()).anyMatch((line) -> line.contains("is locked now"));
        }
    }

    @Test
    void locksSecondAccountWhenListed() throws Exception {
        try (SignInSite site = new SignInSite().start()) {
            CaseResult result = CaseRunner.run(new LockoutCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.findings()).contains("NOTE: account used: " + SignInSite.SECOND_USER + " (accounts[1])");
        }
    }

    @Test
    void timesLockWhenAskedTo() throws Exception {
        // The site's lock outlasts the promised second a little, so the check just before its end is not racy.
        try (SignInSite site = new SignInSite().locksFor(Duration.ofMillis(1050)).start()) {
            CaseResult result = CaseRunner.run(new LockoutCase(), site.uri(), SignInSite.profile(folder, """
                    max-failures: 3
                    minimum-duration: PT1S
                    wait-for-unlock: true"""));

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings()).anyMatch((line) -> line.startsWith("PASS: the lock is temporary"));
        }
    }

    @Test
    void failsWhenAccountNeverLocks() throws Exception {
        try (SignInSite site = new SignInSite().neverLocks().start()) {
            CaseResult result = CaseRunner.run(new LockoutCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("account did not lock after 3 failed sign-ins");
        }
    }

    @Test
    void failsWhenLockMessageRevealsAccount() throws Exception {
        try (SignInSite site = new SignInSite().saysAccountIsLocked().start()) {
            CaseResult result = CaseRunner.run(new LockoutCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("gets a different response from the locked account")
                    .contains("this account is locked");
        }
    }

    @Test
    void inconclusiveWhenAccountAlreadyLocked() throws Exception {
        try (SignInSite site = new SignInSite().start()) {
            CaseRunner.run(new LockoutCase(), site.uri(), SignInSite.profile(folder));
            CaseResult again = CaseRunner.run(new LockoutCase(), site.uri(), SignInSite.profile(folder));

            assertThat(again.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(again.reason()).contains("may still be locked");
        }
    }
}
