package org.selfcare.conformance.cases.purchase;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractTarget;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * T-3-2 and T-3-3 against a stand-in portal whose monitoring keeps each rule and against ones that break it.
 */
class PurchaseMonitoringCaseTests {

    @TempDir
    Path folder;

    private CaseResult run(TestCase testCase, Flaw... flaws) throws Exception {
        try (ContractTarget target = ContractTarget.startWithProvider(folder, flaws)) {
            return target.run(testCase);
        }
    }

    @Test
    void monitoringPassesOnConformingPortal() throws Exception {
        CaseResult result = run(new PurchaseMonitoringCase());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings())
                .anyMatch((line) -> line.startsWith("PASS: a sudden mass of orders: the control payment of "))
                .anyMatch((line) -> line.matches("PASS: a sudden mass of orders: the store-credit payment of order "
                        + "SC-[A-Z0-9]{8} after the pattern was re-verified: 403 step_up_required for payment "
                        + "\"pay 5.00 GBP for order SC-[A-Z0-9]{8}\" with methods \\[sms-code\\]"))
                .anyMatch((line) -> line.startsWith("PASS: repeated payment requests and cancellations: the "
                        + "store-credit payment"))
                .anyMatch((line) -> line.startsWith("PASS: many unpaid orders: the store-credit payment"))
                .anyMatch((line) -> line.matches("NOTE: a sudden mass of orders: alerts for \\+447700\\d{6}: "
                        + "order-surge \\(warning, raised .*"))
                .anyMatch((line) -> line.contains("alerts for") && line.contains("pay-cancel-cycles (warning"));
    }

    @Test
    void monitoringFailsWithoutDetection() throws Exception {
        CaseResult result = run(new PurchaseMonitoringCase(), Flaw.NO_PURCHASE_MONITORING);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).matches("a sudden mass of orders: the store-credit payment of order "
                + "SC-[A-Z0-9]{8} after the pattern went through without re-verification \\(status 200\\) within "
                + "PT2S of the pattern \\(and 2 more problems\\)");
    }

    @Test
    void monitoringFailsWhenPayCancelCyclesGoUnnoticed() throws Exception {
        CaseResult result = run(new PurchaseMonitoringCase(), Flaw.MISSES_PAY_CANCEL_CYCLES);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("repeated payment requests and cancellations: the store-credit "
                + "payment of order");
        assertThat(result.findings()).anyMatch((line) -> line.startsWith("PASS: a sudden mass of orders"));
    }

    @Test
    void monitoringPassesWhenPatternsBlock() throws Exception {
        CaseResult result = run(new PurchaseMonitoringCase(), Flaw.BLOCKS_WHEN_ABNORMAL);

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).anyMatch((line) -> line.contains("was re-verified: status 403 "
                + "operation_blocked"));
    }

    @Test
    void stepUpPassesOnConformingPortal() throws Exception {
        CaseResult result = run(new PurchaseStepUpCase());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings())
                .anyMatch((line) -> line.matches("PASS: a sudden mass of orders: the SMS code for the payment of "
                        + "order SC-[A-Z0-9]{8} names the amount 5.00 GBP"))
                .anyMatch((line) -> line.matches("PASS: many unpaid orders: the SMS code sent for the payment of "
                        + "order SC-[A-Z0-9]{8} was refused for another order of another amount, order "
                        + "SC-[A-Z0-9]{8} of 10.00 GBP \\(status 400 proof_invalid\\)"))
                .anyMatch((line) -> line.contains("was refused for another order of the same amount"))
                .anyMatch((line) -> line.matches("PASS: repeated payment requests and cancellations: with the SMS "
                        + "code sent for it, the payment of order SC-[A-Z0-9]{8} went through"));
        assertThat(result.evidence().toString()).contains("[REDACTED] is your Selfcare code to pay 5.00 GBP for order");
    }

    @Test
    void stepUpFailsWhenCodeConfirmsAnyOrder() throws Exception {
        CaseResult result = run(new PurchaseStepUpCase(), Flaw.CODE_FOR_ANY_OPERATION);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).matches("a sudden mass of orders: the SMS code sent for the payment of order "
                + "SC-[A-Z0-9]{8} paid another order of another amount, order SC-[A-Z0-9]{8} of 10.00 GBP.*");
    }

    @Test
    void stepUpFailsWithoutDetection() throws Exception {
        CaseResult result = run(new PurchaseStepUpCase(), Flaw.NO_PURCHASE_MONITORING);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).matches("a sudden mass of orders: the payment of order SC-[A-Z0-9]{8} went "
                + "through without a further verification \\(status 200\\).*");
    }

    @Test
    void stepUpInconclusiveWhenPatternsBlock() throws Exception {
        CaseResult result = run(new PurchaseStepUpCase(), Flaw.BLOCKS_WHEN_ABNORMAL);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).isEqualTo("every pattern blocked payments, so the kit could not complete a "
                + "re-verification with an SMS code");
        assertThat(result.findings()).anyMatch((line) -> line.matches("PASS: many unpaid orders: the payment of "
                + "order SC-[A-Z0-9]{8} did not proceed: status 403 operation_blocked"));
    }

    @Test
    void missingProvisioningIsInconclusive() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, true, false)) {
            CaseResult result = target.run(new PurchaseMonitoringCase());

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).startsWith("the profile has no provisioning: section");
        }
    }
}
