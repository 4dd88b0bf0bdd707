package org.selfcare.conformance.cases.inquiry;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.CaseRunner;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractTarget;
import org.selfcare.conformance.support.ProfileFiles;
import org.selfcare.conformance.support.TestSite;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrityLabelCaseTests {

    @TempDir
    Path folder;

    @Test
    void conformingPortalPasses() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new IntegrityLabelCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings())
                    .contains("PASS: the target accepted the correctly signed GET /api/v1/balance (status 200)")
                    .contains("PASS: the target accepted the correctly signed POST /api/v1/stepup/code (status 400 "
                            + "invalid_purpose)")
                    .contains("PASS: the target rejected GET /api/v1/balance with the path changed with 401")
                    .contains("PASS: the target rejected POST /api/v1/stepup/code with the body changed with 401")
                    .contains("PASS: the target rejected the unchanged GET /api/v1/balance sent a second time with "
                            + "the same signature with 401")
                    .contains("PASS: the target rejected GET /api/v1/balance with a stale timestamp with 401")
                    .contains("PASS: a correctly signed request after the altered ones was still accepted");
            assertThat(target.portal().rejections()).containsOnly("wrong MAC", "missing header", "nonce seen before",
                    "timestamp outside the window");
        }
    }

    @Test
    void evidenceNeverContainsSessionKey() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new IntegrityLabelCase());

            assertThat(target.portal().issuedKeys()).isNotEmpty();
            for (String key : target.portal().issuedKeys()) {
                assertThat(result.evidence().toString()).doesNotContain(key);
                assertThat(result.findings().toString()).doesNotContain(key);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IGNORES_METHOD    | GET /api/v1/balance with the method changed to POST",
        "IGNORES_PATH      | GET /api/v1/balance with the path changed",
        "IGNORES_QUERY     | GET /api/v1/balance with a query parameter added",
        "IGNORES_BODY      | POST /api/v1/stepup/code with the body changed",
        "IGNORES_TIMESTAMP | GET /api/v1/balance with the timestamp changed",
        "IGNORES_NONCE     | GET /api/v1/balance with the nonce changed",
        "ACCEPTS_UNSIGNED  | GET /api/v1/balance without the signature header",
        "ACCEPTS_STALE     | GET /api/v1/balance with a stale timestamp",
    })
    void acceptedAlterationFails(Flaw flaw, String alteration) throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, flaw)) {
            CaseResult result = target.run(new IntegrityLabelCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).startsWith("the target accepted " + alteration + " (status ");
        }
    }

    @Test
    void anyMacAcceptedNamesEveryAlteration() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.ACCEPTS_ANY_MAC)) {
            CaseResult result = target.run(new IntegrityLabelCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.findings().stream().filter((line) -> line.startsWith("FAIL: the target accepted")))
                    .hasSize(7)
                    .anyMatch((line) -> line.contains("with the MAC changed"))
                    .anyMatch((line) -> line.contains("with the method changed to POST"))
                    .anyMatch((line) -> line.contains("POST /api/v1/stepup/code with the body changed"));
        }
    }

    @Test
    void staleAcceptedAlsoNamesFuture() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.ACCEPTS_STALE)) {
            CaseResult result = target.run(new IntegrityLabelCase());

            assertThat(result.findings())
                    .anyMatch((line) -> line.startsWith("FAIL: the target accepted GET /api/v1/balance with a stale"))
                    .anyMatch((line) -> line.startsWith("FAIL: the target accepted GET /api/v1/balance with a future"));
        }
    }

    @Test
    void replayAcceptedFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.ACCEPTS_REPLAY)) {
            CaseResult result = target.run(new IntegrityLabelCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.findings())
                    .contains("FAIL: the target accepted the unchanged GET /api/v1/balance sent a second time with "
                            + "the same signature (status 200 instead of 401), so it does not reject replays")
                    .anyMatch((line) -> line.startsWith("FAIL: the target accepted the unchanged POST "
                            + "/api/v1/stepup/code sent a second time"));
        }
    }

    @Test
    void unsignedResponseFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.UNSIGNED_RESPONSES)) {
            CaseResult result = target.run(new IntegrityLabelCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).isEqualTo("the response to GET /api/v1/balance (status 200) carried no valid "
                    + "signature: missing (and 1 more problems)");
        }
    }

    @Test
    void portalWithoutSigningFails() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, Flaw.NO_SIGNING)) {
            CaseResult result = target.run(new IntegrityLabelCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).isEqualTo("the target issued no session key (POST /api/v1/session-key: "
                    + "NOT_OFFERED) and accepted GET /api/v1/balance without an integrity label");
            assertThat(result.findings()).anyMatch((line) -> line.startsWith("NOTE: the target answered POST "
                    + "/api/v1/session-key with 404"));
        }
    }

    @Test
    void formLoginProfileIsInconclusive() throws Exception {
        try (TestSite site = TestSite.http()) {
            CaseResult result = CaseRunner.run(new IntegrityLabelCase(), site.uri(), ProfileFiles.load(folder, """
                            type: form-login
                            sign-in: {page: /login, username-field: u, password-field: p,
                                      success: {status: 302}, failure: {status: 200}}
                            protected-path: /home
                            """));

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("needs a description of the target's API");
        }
    }
}
