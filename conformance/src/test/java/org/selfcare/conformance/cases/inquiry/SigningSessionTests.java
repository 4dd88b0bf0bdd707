package org.selfcare.conformance.cases.inquiry;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.cases.authentication.PasswordComplexityCase;
import org.selfcare.conformance.cases.authentication.AuthenticationCases;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractTarget;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's signing session as an ordinary case uses it: the stand-in rejects unsigned API requests unless it
 * predates signing, so T-2-2 passing shows the session signed every request.
 */
class SigningSessionTests {

    @TempDir
    Path folder;

    @Test
    void signingPortalServesOrdinaryCase() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(target.portal().rejections()).isEmpty();
            assertThat(target.portal().issuedKeys()).hasSize(2);
            for (String key : target.portal().issuedKeys()) {
                assertThat(result.evidence().toString()).doesNotContain(key);
            }
        }
    }

    @Test
    void signingPortalServesPasswordCase() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new PasswordComplexityCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings()).contains("NOTE: restored the account's original password");
            assertThat(target.portal().rejections()).isEmpty();
        }
    }

    @Test
    void endedSessionNeedsNoSignedResponse() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            TestCase singleSession = AuthenticationCases.all().stream()
                    .filter((testCase) -> testCase.id().equals("T-5-3")).findFirst().orElseThrow();
            CaseResult result = target.run(singleSession);

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void portalWithoutSigningFallsBackUnsigned() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.NO_SIGNING)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings()).containsOnlyOnce("NOTE: the target answered POST /api/v1/session-key "
                    + "with 404, so it does not sign messages and this session sent its API requests unsigned");
        }
    }

    @Test
    void shortSessionKeyIsNotUsed() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.SHORT_SESSION_KEY)) {
            CaseResult result = target.run(new IntegrityLabelCase());

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.findings()).contains("NOTE: the target returned no usable session key (POST "
                    + "/api/v1/session-key returned 200 without a base64url key of at least 16 bytes), so this "
                    + "session sent its API requests unsigned");
        }
    }

    @Test
    void wrongResponseSignatureIsFinding() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.WRONG_BALANCE_SIGNATURE)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.findings()).contains("FAIL: the response to GET /api/v1/balance (status 200) carried "
                    + "no valid signature: wrong MAC");
        }
    }

    @Test
    void unsignedResponsesAreFindings() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.UNSIGNED_RESPONSES)) {
            CaseResult result = target.run(new CallRecordsStepUpCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.findings()).contains("FAIL: the response to GET /api/v1/payments (status 200) carried "
                    + "no valid signature: missing");
        }
    }
}
