package org.selfcare.conformance.cases.inquiry;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.CaseRunner;
import org.selfcare.conformance.support.ContractPortal;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractTarget;
import org.selfcare.conformance.support.ProfileFiles;

import static org.assertj.core.api.Assertions.assertThat;

class StepUpLockoutCaseTests {

    @TempDir
    Path folder;

    @Test
    void lockAtThirdCodePasses() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new StepUpLockoutCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings())
                    .contains("PASS: the account locked at wrong second-authentication code 3 (423 account_locked)")
                    .contains("PASS: after the wrong codes the right password was refused at sign-in")
                    .contains("NOTE: an SMS to 07700 900004 arrived after the lock");
            assertThat(target.portal().isLocked(ContractPortal.LOCK_NUMBER)).isTrue();
            assertThat(target.portal().isLocked(ContractPortal.NUMBER)).as("other accounts untouched").isFalse();
        }
    }

    @Test
    void noLockAfterFiveCodesFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.NEVER_LOCKS)) {
            CaseResult result = target.run(new StepUpLockoutCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("evaluated 5 wrong second-authentication codes without locking");
            assertThat(result.findings()).contains("FAIL: the right password still signs in after 5 wrong "
                    + "second-authentication codes");
        }
    }

    @Test
    void lockAtFifthCodeFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.LOCKS_AT_FIFTH)) {
            CaseResult result = target.run(new StepUpLockoutCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("evaluated 4 wrong second-authentication codes before it locked the "
                    + "account at code 5");
        }
    }

    @Test
    void withoutSmsSectionStillJudgesLock() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, false, true)) {
            CaseResult result = target.run(new StepUpLockoutCase());

            assertThat(result.verdict()).isEqualTo(Verdict.PASS);
            assertThat(result.findings()).contains("NOTE: without an sms: section the kit cannot see whether the "
                    + "subscriber got an SMS about the lock");
        }
    }

    @Test
    void withoutMarkedAccountInconclusive() throws Exception {
        try (ContractPortal portal = new ContractPortal(0)) {
            var profile = ProfileFiles.load(folder, "type: selfcare\naccounts:\n  - {username: \""
                    + ContractPortal.NUMBER + "\", password: \"" + ContractPortal.PASSWORD + "\"}\n");

            CaseResult result = CaseRunner.run(new StepUpLockoutCase(), portal.uri(), profile);

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("role: step-up-lockout");
        }
    }

    @Test
    void evidenceHidesCodesAndPasswords() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new StepUpLockoutCase());

            String evidence = result.evidence().toString();
            assertThat(evidence).contains("account was locked");
            assertThat(evidence).doesNotContainPattern("code is [0-9]{6}");
            assertThat(evidence).doesNotContainPattern("\"secret\":\"[0-9]{6}\"");
            assertThat(evidence).doesNotContain(ContractPortal.PASSWORD);
        }
    }
}
