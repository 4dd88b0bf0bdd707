package org.selfcare.conformance.cases.inquiry;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.ContractPortal;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractTarget;

import static org.assertj.core.api.Assertions.assertThat;

class CallRecordsStepUpCaseTests {

    @TempDir
    Path folder;

    @Test
    void conformingPortalPasses() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings())
                    .contains("PASS: the sign-in alone reads /api/v1/balance")
                    .contains("PASS: GET /api/v1/calls demanded a second authentication (403 step_up_required, "
                            + "purpose call-records)")
                    .contains("PASS: after the second authentication GET /api/v1/calls showed 1 call records")
                    .contains("PASS: GET /api/v1/calls in a fresh session after the first session's proof demanded "
                            + "a second authentication (403 step_up_required, purpose call-records)")
                    .contains("PASS: a proof for payments left call records closed (status 403 step_up_required)");
        }
    }

    @Test
    void captchaForEveryCodeUsesTestKey() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.CAPTCHA_FOR_EVERY_CODE)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.evidence().toString()).doesNotContain(ContractPortal.CAPTCHA_TEST_KEY);
        }
    }

    @Test
    void callRecordsWithoutProofFail() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.CALLS_API_WITHOUT_PROOF)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("call records were shown without a second authentication: "
                    + "GET /api/v1/calls returned status 200 with 1 call records");
        }
    }

    @Test
    void callsPageWithoutProofFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.CALLS_PAGE_WITHOUT_PROOF)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("the page /calls was shown without a second authentication");
        }
    }

    @Test
    void proofCarriedToFreshSessionFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.PROOF_PER_ACCOUNT)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("call records were shown without a second authentication: "
                    + "GET /api/v1/calls in a fresh session after the first session's proof returned status 200");
        }
    }

    @Test
    void proofForOtherPurposeFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.PROOF_FOR_ANY_PURPOSE)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("a proof for payments opened call records");
        }
    }

    @Test
    void withoutSmsSectionInconclusive() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, false, true)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("the profile has no sms: section").contains("add sms:");
        }
    }

    @Test
    void withoutSmsSectionStillFailsOpenRecords() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, false, true, Flaw.CALLS_API_WITHOUT_PROOF)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void evidenceHidesCodesAndPasswords() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            String evidence = result.evidence().toString();
            assertThat(evidence).contains("SMS from Selfcare to 447700900000");
            assertThat(evidence).contains("Your Selfcare code is [REDACTED]");
            assertThat(evidence).doesNotContainPattern("code is [0-9]{6}");
            assertThat(evidence).doesNotContain(ContractPortal.PASSWORD);
            assertThat(evidence).doesNotContain(ContractPortal.SMSC_PASSWORD);
            assertThat(evidence).doesNotContainPattern("\"secret\":\"[0-9]{6}\"");
        }
    }
}
