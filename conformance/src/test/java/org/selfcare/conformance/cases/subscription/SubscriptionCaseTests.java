package org.selfcare.conformance.cases.subscription;

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
 * T-4-1, T-4-2 and T-4-3 against a stand-in portal that keeps each rule and against ones that break it.
 */
class SubscriptionCaseTests {

    @TempDir
    Path folder;

    private CaseResult run(TestCase testCase, Flaw... flaws) throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, flaws)) {
            return target.run(testCase);
        }
    }

    @Test
    void confirmationPassesOnConformingPortal() throws Exception {
        CaseResult result = run(new IdentityConfirmationCase());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings())
                .contains("PASS: subscribing to news-daily (2.00 GBP a day) without confirmation was refused: 403 "
                        + "step_up_required for subscription \"subscribe to Daily news for 2.00 GBP a day\" with "
                        + "methods [sms-code, service-password]")
                .contains("PASS: the confirmation request for subscribing to news-daily names the fee 2.00 GBP")
                .contains("PASS: the SMS code for subscribing names the service Daily news and the fee 2.00 GBP")
                .contains("PASS: the SMS code sent for subscribing to news-daily (2.00 GBP a day) was refused for "
                        + "football-alerts (3.00 GBP a month) (status 400 proof_invalid)")
                .contains("PASS: a wrong SMS code was refused (status 400 proof_invalid)")
                .contains("PASS: with the SMS code sent for it, the subscription to news-daily (2.00 GBP a day) was "
                        + "made (status 201)")
                .contains("PASS: the SMS code used for subscribing was refused for the cancellation (status 400 "
                        + "proof_invalid)")
                .contains("PASS: with the service password, the subscription to news-daily (2.00 GBP a day) was "
                        + "cancelled")
                .contains("PASS: the confirmed subscription to news-daily (2.00 GBP a day) sent again with its used "
                        + "code was refused (status 400 proof_invalid)");
        assertThat(result.evidence().toString())
                .contains("[REDACTED] is your Selfcare code to subscribe to Daily news for 2.00 GBP a day")
                .contains("your service password is [REDACTED]");
    }

    @Test
    void confirmationFailsWhenSubscribingNeedsNone() throws Exception {
        CaseResult result = run(new IdentityConfirmationCase(), Flaw.SUBSCRIBES_WITHOUT_CONFIRMATION);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).matches("the target subscribed 07700 9\\d{5} to news-daily \\(2.00 GBP a day\\) "
                + "without any confirmation \\(status 201\\)");
    }

    @Test
    void confirmationFailsWhenCancellingNeedsNone() throws Exception {
        CaseResult result = run(new IdentityConfirmationCase(), Flaw.UNSUBSCRIBES_WITHOUT_CONFIRMATION);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the target cancelled the subscription to news-daily (2.00 GBP a day) "
                + "without any confirmation (status 200)");
    }

    @Test
    void confirmationFailsWhenCodeFitsAnotherService() throws Exception {
        CaseResult result = run(new IdentityConfirmationCase(), Flaw.CODE_FOR_ANY_OPERATION);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("the SMS code sent for subscribing to news-daily (2.00 GBP a day) "
                + "subscribed to football-alerts (3.00 GBP a month) (status 201)");
    }

    @Test
    void confirmationFailsWhenUsedCodeIsAcceptedAgain() throws Exception {
        CaseResult result = run(new IdentityConfirmationCase(), Flaw.CODE_REUSABLE);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the confirmed subscription to news-daily (2.00 GBP a day) was accepted "
                + "again with its used code (status 201)");
    }

    @Test
    void confirmationInconclusiveWithoutProvisioning() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, true, false)) {
            CaseResult result = target.run(new IdentityConfirmationCase());

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).startsWith("the profile has no provisioning: section, so the kit cannot "
                    + "create fresh subscribers");
        }
    }

    @Test
    void confirmationInconclusiveWithoutSubscriptionApi() throws Exception {
        CaseResult result = run(new IdentityConfirmationCase(), Flaw.NO_SUBSCRIPTION_API);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).isEqualTo("GET /api/v1/services returned 404, so the target offers no "
                + "value-added services to subscribe to");
    }

    @Test
    void noticePassesOnConformingPortal() throws Exception {
        CaseResult result = run(new SubscriptionNoticeCase());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).anyMatch((line) -> line.matches("PASS: the SMS to 07700 9\\d{5} names Daily "
                + "news, the fee 2.00 GBP, the effective time \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d and the expiry time "
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"));
        assertThat(result.findings()).anyMatch((line) -> line.startsWith("NOTE: the notice: Selfcare: you subscribed "
                + "to Daily news (Headlines every morning) for 2.00 GBP a day, effective "));
    }

    @Test
    void noticeFailsWithoutExpiry() throws Exception {
        CaseResult result = run(new SubscriptionNoticeCase(), Flaw.NOTICE_WITHOUT_EXPIRY);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).matches("the SMS to 07700 9\\d{5} about Daily news leaves out the expiry time "
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
    }

    @Test
    void monitoringPassesOnConformingPortal() throws Exception {
        CaseResult result = run(new SubscriptionMonitoringCase());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings())
                .anyMatch((line) -> line.startsWith("PASS: subscribe-unsubscribe cycles: the pattern was flagged: "))
                .anyMatch((line) -> line.startsWith("PASS: a sudden rise in one subscriber's subscriptions: the "
                        + "pattern was flagged: "))
                .anyMatch((line) -> line.startsWith("PASS: an abnormal volume for one service: the pattern was "
                        + "flagged: the operator API lists the alert service-volume (warning, service weather-daily"))
                .anyMatch((line) -> line.contains("subscription-churn (warning, service news-daily"));
    }

    @Test
    void monitoringFailsWithoutDetection() throws Exception {
        CaseResult result = run(new SubscriptionMonitoringCase(), Flaw.NO_SUBSCRIPTION_MONITORING);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("subscribe-unsubscribe cycles: the pattern was not flagged within PT2S: "
                + "the next change still accepted the service password and no alert appeared (and 2 more problems)");
    }

    @Test
    void monitoringFailsWhenServiceVolumeGoesUnnoticed() throws Exception {
        CaseResult result = run(new SubscriptionMonitoringCase(), Flaw.MISSES_SERVICE_VOLUME);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("an abnormal volume for one service: the pattern was not flagged within "
                + "PT2S: no service-wide alert names weather-daily and the next change still accepts the service "
                + "password");
    }
}
