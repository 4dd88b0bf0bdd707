package org.selfcare.conformance.cases.purchase;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractTarget;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * T-3-7 against a stand-in portal that pays through the kit's real payment sandbox, keeping the rule or breaking
 * it.
 */
class ProviderConfirmationCaseTests {

    @TempDir
    Path folder;

    @Test
    void conformingPortalPasses() throws Exception {
        try (ContractTarget target = ContractTarget.startWithProvider(folder)) {
            CaseResult result = target.run(new ProviderConfirmationCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings())
                    .anyMatch((line) -> line.matches("PASS: the portal retrieved /v1/payment_intents/pi_\\w+ from "
                            + "the provider at .* before order SC-\\w+ showed PAID at .*"))
                    .anyMatch((line) -> line.startsWith("PASS: the portal's webhook refused the notification signed "
                            + "with a wrong secret with status 400"))
                    .anyMatch((line) -> line.startsWith("PASS: the portal's webhook refused the notification without "
                            + "a Stripe-Signature header with status 400"))
                    .anyMatch((line) -> line.matches("PASS: order SC-\\w+ stayed AWAITING_PAYMENT after the forged "
                            + "notifications"));
            assertThat(result.evidence().toString()).contains("sandbox sent payment_intent.succeeded")
                    .doesNotContain("sk_test_x1470_contract_portal")
                    .doesNotContain("whsec_x1470_contract_portal");
        }
    }

    @Test
    void settlingWithoutRetrieveFails() throws Exception {
        try (ContractTarget target = ContractTarget.startWithProvider(folder, Flaw.SETTLES_WITHOUT_RETRIEVE)) {
            CaseResult result = target.run(new ProviderConfirmationCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).matches("order SC-\\w+ showed PAID at .* but the portal never retrieved "
                    + "/v1/payment_intents/pi_\\w+ from the provider after the payment, so it trusted the "
                    + "notification alone");
        }
    }

    @Test
    void unsignedNotificationFails() throws Exception {
        try (ContractTarget target = ContractTarget.startWithProvider(folder, Flaw.ACCEPTS_UNSIGNED_WEBHOOK,
                Flaw.SETTLES_WITHOUT_RETRIEVE)) {
            CaseResult result = target.run(new ProviderConfirmationCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.findings())
                    .anyMatch((line) -> line.startsWith("FAIL: the portal's webhook answered the notification signed "
                            + "with a wrong secret with status 200"))
                    .anyMatch((line) -> line.matches("FAIL: order SC-\\w+ became PAID after the forged "
                            + "notifications, although nobody paid it"));
        }
    }

    @Test
    void withoutPaymentSectionInconclusive() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new ProviderConfirmationCase());

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).startsWith("the profile has no payment: section");
        }
    }
}
