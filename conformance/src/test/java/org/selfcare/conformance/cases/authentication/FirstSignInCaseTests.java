package org.selfcare.conformance.cases.authentication;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.ContractPortal;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractTarget;

import static org.assertj.core.api.Assertions.assertThat;

class FirstSignInCaseTests {

    @TempDir
    Path folder;

    @Test
    void conformingPortalPasses() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new FirstSignInCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings())
                    .contains("PASS: the initial password arrived by SMS at the kit's SMSC")
                    .contains("PASS: /api/v1/balance returned 403 first_sign_in_required before the identity check")
                    .contains("PASS: the page /calls redirected to /first-sign-in before the identity check")
                    .contains("PASS: the identity check accepted the right SMS code")
                    .contains("PASS: the initial password no longer signs in");
            assertThat(result.findings()).anyMatch((line) -> line.startsWith("PASS: the identity check refused a "
                    + "wrong SMS code"));
            assertThat(result.findings()).anyMatch((line) -> line.startsWith("PASS: the first sign-in refused a weak "
                    + "new password"));
        }
    }

    @Test
    void apiReachedBeforeChangeFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.FIRST_SIGN_IN_API_OPEN)) {
            CaseResult result = target.run(new FirstSignInCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("the first sign-in reached /api/v1/balance before the identity "
                    + "check (status 200)");
        }
    }

    @Test
    void missingIdentityCheckFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.NO_IDENTITY_CHECK)) {
            CaseResult result = target.run(new FirstSignInCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("set a new password without an identity check");
        }
    }

    @Test
    void unforcedPasswordChangeFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.PASSWORD_CHANGE_NOT_FORCED)) {
            CaseResult result = target.run(new FirstSignInCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("the first sign-in reached the page / before the identity check");
        }
    }

    @Test
    void weakFirstPasswordFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.WEAK_FIRST_PASSWORD)) {
            CaseResult result = target.run(new FirstSignInCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("accepted the weak password");
        }
    }

    @Test
    void withoutProvisioningInconclusive() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, true, false)) {
            CaseResult result = target.run(new FirstSignInCase());

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("no provisioning: section").contains("token-file");
        }
    }

    @Test
    void withoutSmsSectionInconclusive() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, false, true)) {
            CaseResult result = target.run(new FirstSignInCase());

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("no sms: section");
        }
    }

    @Test
    void evidenceHidesPasswordsCodesAndToken() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new FirstSignInCase());

            String evidence = result.evidence().toString();
            assertThat(evidence).contains("Your initial password is [REDACTED]");
            assertThat(evidence).doesNotContainPattern("password is Ab1");
            assertThat(evidence).doesNotContainPattern("Ab1[0-9a-f]{8}");
            assertThat(evidence).doesNotContainPattern("code is [0-9]{6}");
            assertThat(evidence).doesNotContainPattern("\"code\":\"[0-9]{6}\"");
            assertThat(evidence).doesNotContain(ContractPortal.OPERATOR_TOKEN);
            assertThat(evidence).doesNotContainPattern("\"newPassword\":\"[^\\[]");
        }
    }
}
