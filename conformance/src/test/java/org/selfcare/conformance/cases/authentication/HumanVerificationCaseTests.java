package org.selfcare.conformance.cases.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.CaseRunner;

class HumanVerificationCaseTests {

    @TempDir
    Path folder;

    @Test
    void passesWhenChallengeEnforced() throws Exception {
        try (SignInSite site = new SignInSite().start()) {
            CaseResult result = CaseRunner.run(new HumanVerificationCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void failsWithoutChallenge() throws Exception {
        try (SignInSite site = new SignInSite().captcha(SignInSite.Captcha.ABSENT).start()) {
            CaseResult result = CaseRunner.run(new HumanVerificationCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("carries no human-verification challenge");
        }
    }

    @Test
    void failsWhenChallengeNotEnforced() throws Exception {
        try (SignInSite site = new SignInSite().captcha(SignInSite.Captcha.NOT_ENFORCED).start()) {
            CaseResult result = CaseRunner.run(new HumanVerificationCase(), site.uri(), SignInSite.profile(folder));

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("sign-in succeeded without answering the challenge");
        }
    }

    @Test
    void findsReCaptchaWidget() throws Exception {
        HumanVerificationCase.Challenge challenge = HumanVerificationCase.findChallenge(
                "<form><div class=\"g-recaptcha\" data-sitekey=\"abc\"></div></form>", SignInSite.profile(folder));

        assertThat(challenge.kinds()).containsExactly("a reCAPTCHA widget");
    }
}
