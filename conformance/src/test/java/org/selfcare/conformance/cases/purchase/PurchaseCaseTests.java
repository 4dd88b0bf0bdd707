package org.selfcare.conformance.cases.purchase;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.CaseRunner;
import org.selfcare.conformance.support.ContractPortal;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractTarget;
import org.selfcare.conformance.support.ProfileFiles;
import org.selfcare.conformance.support.TestSite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * T-3-1, T-3-4, T-3-5 and T-3-6 against a stand-in portal that keeps each rule and against one that breaks it.
 */
class PurchaseCaseTests {

    @TempDir
    Path folder;

    private CaseResult run(TestCase testCase, Flaw... flaws) throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, flaws)) {
            return target.run(testCase);
        }
    }

    @Test
    void encryptionPassesOnConformingPortal() throws Exception {
        CaseResult result = run(new TransactionEncryptionCase());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings())
                .contains("PASS: the published RSA key enc-1 has 3072 bits")
                .contains("PASS: the captured order request shows neither the subscriber's number, nor the item id "
                        + "recharge-5 and kind RECHARGE_CARD, nor the amount 5.00 GBP in clear")
                .contains("PASS: the target refused the same order as plain JSON (Content-Type application/json) "
                        + "with status 415 encryption_required")
                .contains("PASS: the target refused the order encrypted with the weak RSA1_5 key wrapping with "
                        + "status 400 transaction_unreadable")
                .anyMatch((line) -> line.startsWith("PASS: the target refused the order encrypted with dir"))
                .anyMatch((line) -> line.startsWith("PASS: the target refused the order encrypted to the published "
                        + "key under the unknown key id"));
        assertThat(result.evidence().toString()).contains("captured order request body")
                .doesNotContain("\"itemId\":\"recharge-5\",\"quantity\":1}]}\",\"status\":201");
    }

    @Test
    void encryptionFailsOnPlainOrders() throws Exception {
        CaseResult result = run(new TransactionEncryptionCase(), Flaw.ACCEPTS_PLAIN_ORDERS);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("the target accepted the same order as plain JSON");
    }

    @Test
    void encryptionFailsOnWeakKey() throws Exception {
        CaseResult result = run(new TransactionEncryptionCase(), Flaw.WEAK_ENCRYPTION_KEY);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the published RSA key enc-1 has 1024 bits, weaker than the 2048 bits "
                + "RSA needs");
    }

    @Test
    void encryptionFailsOnRsa15() throws Exception {
        CaseResult result = run(new TransactionEncryptionCase(), Flaw.ACCEPTS_WEAK_ALGORITHM);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("the target accepted the order encrypted with the weak RSA1_5");
    }

    @Test
    void encryptionFailsOnIgnoredKeyId() throws Exception {
        CaseResult result = run(new TransactionEncryptionCase(), Flaw.IGNORES_KEY_ID);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("unknown key id");
    }

    @Test
    void formLoginProfileIsInconclusive() throws Exception {
        try (TestSite site = TestSite.http()) {
            CaseResult result = CaseRunner.run(new TransactionEncryptionCase(), site.uri(), ProfileFiles.load(folder,
                    "type: form-login\nprotected-path: /home\nsign-in: {page: /login, username-field: u, "
                            + "password-field: p, success: {status: 302}, failure: {status: 200}}\n"));

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("only selfcare profiles");
        }
    }

    @Test
    void missingPurchaseSectionIsInconclusive() throws Exception {
        try (TestSite site = TestSite.http()) {
            CaseResult result = CaseRunner.run(new ClientTotalCase(), site.uri(), ProfileFiles.load(folder,
                    "type: selfcare\naccounts: [{username: \"" + ContractPortal.NUMBER + "\", password: x}]\n"));

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("add purchase: {item: ...}");
        }
    }

    @Test
    void notificationPassesOnConformingPortal() throws Exception {
        CaseResult result = run(new PaymentNotificationCase());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).anyMatch((line) -> line.matches("PASS: the SMS to 07700 9[0-9]{5} names order "
                + "SC-[A-Z0-9]{8} and the amount 5.00"));
        assertThat(result.evidence().toString()).contains("SMS from Selfcare to 4477009")
                .contains("credited 60.00 GBP to +447700");
    }

    @Test
    void notificationBuysAsFirstAccountWithoutProvisioning() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, true, false)) {
            CaseResult result = target.run(new PaymentNotificationCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings()).anyMatch((line) -> line.matches("PASS: the SMS to 07700 900000 names "
                    + "order SC-[A-Z0-9]{8} and the amount 5.00"));
        }
    }

    @Test
    void notificationBuysAsFirstAccountWithoutTopUps() throws Exception {
        CaseResult result = run(new PaymentNotificationCase(), Flaw.NO_OPERATOR_TOP_UPS);

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).anyMatch((line) -> line.matches("PASS: the SMS to 07700 900000 names "
                + "order SC-[A-Z0-9]{8} and the amount 5.00"));
        assertThat(result.evidence().toString()).contains("the kit buys as the profile's first account, because it "
                + "could not buy as a fresh subscriber: the operator API did not credit 60.00 GBP to +447700");
    }

    @Test
    void flaggedFirstAccountIsReportedClearly() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, true, false)) {
            target.portal().flag(ContractPortal.NUMBER);

            CaseResult result = target.run(new PaymentNotificationCase());

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).matches("paying order SC-[A-Z0-9]{8} with store credit returned status 403 "
                    + "step_up_required: the deployment's monitoring flagged 07700 900000 as abnormal.*")
                    .contains("give the profile provisioning: and sms: sections");
        }
    }

    @Test
    void notificationFailsWithoutSms() throws Exception {
        CaseResult result = run(new PaymentNotificationCase(), Flaw.NO_PAYMENT_SMS);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).matches("no SMS about the payment of order SC-[A-Z0-9]{8} arrived within PT5S");
    }

    @Test
    void clientTotalPassesOnConformingPortal() throws Exception {
        CaseResult result = run(new ClientTotalCase());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings())
                .contains("PASS: the target priced the order whose total the client changed at 10.00 GBP in its "
                        + "response, the catalogue's 2 × 5.00 GBP, not the claimed 0.01 GBP")
                .contains("PASS: the target priced the order whose total the client changed at 10.00 GBP when read "
                        + "back, the catalogue's 2 × 5.00 GBP, not the claimed 0.01 GBP")
                .contains("NOTE: the target reported that it recalculated the total (totalRecalculated)");
    }

    @Test
    void clientTotalFailsWhenTrusted() throws Exception {
        CaseResult result = run(new ClientTotalCase(), Flaw.TRUSTS_CLIENT_TOTAL);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("the target priced the order whose total the client changed at "
                + "0.01 GBP in its response instead of the catalogue's 10.00 GBP");
    }

    @Test
    void transitTamperPassesOnConformingPortal() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new TransitTamperCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings())
                    .contains("PASS: the target refused the captured order with one ciphertext byte changed (the "
                            + "quantity 1 would read 9 without the tag check) and signed afresh with status 400 "
                            + "transaction_unreadable")
                    .contains("PASS: the target refused the captured order request replayed byte for byte with "
                            + "status 401 request_signature_invalid")
                    .anyMatch((line) -> line.startsWith("PASS: the target answered the captured order signed afresh "
                            + "with the same idempotency key with the first order"))
                    .anyMatch((line) -> line.startsWith("PASS: the target priced the order re-encrypted in transit "
                            + "with a changed total at 10.00 GBP in its response"));
            assertThat(target.portal().orderCount()).isEqualTo(2);
        }
    }

    @Test
    void transitTamperFailsOnUncheckedTag() throws Exception {
        CaseResult result = run(new TransitTamperCase(), Flaw.ACCEPTS_TAMPERED_CIPHERTEXT);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("the target accepted the captured order with one ciphertext byte "
                + "changed");
    }

    @Test
    void transitTamperFailsOnSecondOrder() throws Exception {
        CaseResult result = run(new TransitTamperCase(), Flaw.ACCEPTS_REPLAY, Flaw.NO_IDEMPOTENCY);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("the target answered the captured order request replayed byte for "
                + "byte with status 201 and a second order SC-");
    }

    @Test
    void transitTamperFailsOnTrustedTotal() throws Exception {
        CaseResult result = run(new TransitTamperCase(), Flaw.TRUSTS_CLIENT_TOTAL);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("the target priced the order re-encrypted in transit with a changed "
                + "total at 0.01 GBP");
    }
}
