package org.selfcare.conformance.cases.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.CaseRunner;
import org.selfcare.conformance.support.ProfileFiles;

class VagueErrorsCaseTests {

    @TempDir
    Path folder;

    @Test
    void passesWhenErrorsAreVague() throws Exception {
        try (SignInSite site = new SignInSite().start()) {
            CaseResult result = CaseRunner.run(new VagueErrorsCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void failsWhenLongInputShowsStackTrace() throws Exception {
        try (SignInSite site = new SignInSite().printsStackTraceOnLongInput().start()) {
            CaseResult result = CaseRunner.run(new VagueErrorsCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("Java stack trace").contains("10,000-character user name");
        }
    }

    @Test
    void failsWhenUnknownUserGetsOwnMessage() throws Exception {
        try (SignInSite site = new SignInSite().namesUnknownUsers().start()) {
            CaseResult result = CaseRunner.run(new VagueErrorsCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("unknown user name and a wrong password get different responses")
                    .contains("no account has this number");
        }
    }

    @Test
    void leavesAccountUnlocked() throws Exception {
        try (SignInSite site = new SignInSite().start()) {
            CaseRunner.run(new VagueErrorsCase(), site.uri(), SignInSite.profile(folder));
            CaseResult next = CaseRunner.run(new SingleSessionCase(), site.uri(), SignInSite.profile(folder));

            assertThat(next.verdict()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void comparisonInconclusiveWithoutAccount() throws Exception {
        try (SignInSite site = new SignInSite().start()) {
            CaseResult result = CaseRunner.run(new VagueErrorsCase(), site.uri(), ProfileFiles.load(folder, """
                    type: form-login
                    sign-in:
                      page: /signin
                      username-field: msisdn
                      password-field: password
                      success: {redirect-contains: /account}
                      failure: {status: 200}
                    protected-path: /account
                    """));

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("add a test account under accounts");
        }
    }
}
