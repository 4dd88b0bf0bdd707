package org.selfcare.conformance.cases.purchase;

import java.util.stream.Collectors;

import org.selfcare.conformance.cases.subscriber.OperatorApi.Alert;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;

/**
 * T-3-2: abnormal purchase behaviour is monitored and the transaction re-verified.
 *
 * <p>For each pattern (a sudden mass of orders, repeated payment requests and cancellations, many unpaid
 * orders) the case creates a fresh subscriber with credit, makes a control payment that must need no second
 * authentication, produces the pattern and pays another order with store credit. That payment must be refused
 * with 403 {@code step_up_required} or {@code operation_blocked}. The alerts the operator API lists for the
 * subscriber are the evidence of what the deployment detected.
 */
public final class PurchaseMonitoringCase extends MonitoredPurchaseCase {

    public PurchaseMonitoringCase() {
        super("T-3-2");
    }

    @Override
    void judge(CaseContext context, PatternRun.Outcome outcome, Findings findings) {
        PurchasePattern pattern = outcome.pattern();
        String order = "the store-credit payment of order " + outcome.probe().number() + " after the pattern";
        if (outcome.stepUp().isPresent() || outcome.blocked()) {
            findings.pass(pattern.label() + ": " + order + " was re-verified: " + answer(outcome));
        }
        else if (outcome.paid()) {
            findings.fail(pattern.label() + ": " + order + " went through without re-verification ("
                    + answer(outcome) + ") within " + context.profile().monitoring().waitTime() + " of the pattern");
        }
        else {
            findings.inconclusive(pattern.label() + ": " + order + " returned " + answer(outcome) + ", neither paid "
                    + "nor refused for a second authentication");
        }

        String number = outcome.shopper().fresh().orElseThrow().storedNumber();
        if (outcome.alerts().isEmpty()) {
            findings.note(pattern.label() + ": the operator API lists no alert for " + number);
            return;
        }
        findings.note(pattern.label() + ": alerts for " + number + ": " + outcome.alerts().stream()
                .map(Alert::toString).collect(Collectors.joining(", ")));
        if (outcome.alerts().stream().noneMatch((alert) -> pattern.detector().equals(alert.detector()))) {
            findings.note(pattern.label() + ": no alert came from the detector " + pattern.detector()
                    + ", so another detector noticed the pattern");
        }
    }

    @Override
    String passReason() {
        return "after each abnormal purchase pattern the next payment was re-verified";
    }
}
