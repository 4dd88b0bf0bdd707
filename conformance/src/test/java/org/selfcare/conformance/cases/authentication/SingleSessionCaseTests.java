package org.selfcare.conformance.cases.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.CaseRunner;

class SingleSessionCaseTests {

    @TempDir
    Path folder;

    @Test
    void passesWhenSecondSignInEndsFirst() throws Exception {
        try (SignInSite site = new SignInSite().start()) {
            CaseResult result = CaseRunner.run(new SingleSessionCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void failsWhenFirstSessionStaysValid() throws Exception {
        try (SignInSite site = new SignInSite().keepsOldSessions().start()) {
            CaseResult result = CaseRunner.run(new SingleSessionCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("first session stayed valid after a second sign-in");
        }
    }

    @Test
    void inconclusiveWhenAccountLocked() throws Exception {
        try (SignInSite site = new SignInSite().start()) {
            // With one account listed, T-5-2 locks the account this case needs.
            var profile = SignInSite.profile(folder);
            var oneAccount = new org.selfcare.conformance.profile.TargetProfile(profile.type(), profile.name(),
                    profile.tls(), profile.signIn(), profile.protectedPath(), profile.accounts().subList(0, 1),
                    profile.lockout(), profile.captcha(), profile.upload(), profile.timeout(), profile.httpPort(),
                    profile.sms(), profile.mail(), profile.provisioning(), profile.database(), profile.integrity(),
                    profile.purchase(), profile.payment(), profile.subscription(), profile.monitoring());
            CaseRunner.run(new LockoutCase(), site.uri(), oneAccount);
            CaseResult result = CaseRunner.run(new SingleSessionCase(), site.uri(), oneAccount);

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("T-5-2");
        }
    }
}
