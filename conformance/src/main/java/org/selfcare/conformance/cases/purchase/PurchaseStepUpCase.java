package org.selfcare.conformance.cases.purchase;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.subscriber.CodeRequests;
import org.selfcare.conformance.cases.subscriber.StepUpRequired;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.inbox.SmsInbox;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;
import org.selfcare.sandbox.smsc.ReceivedSms;

/**
 * T-3-3: while purchases look abnormal, the subscriber's identity is verified by a further method before an
 * order proceeds.
 *
 * <p>The case produces each pattern as T-3-2 does. When the payment after it asks for an SMS code, the case
 * requests one for that operation and checks that the SMS names the amount. It then sends the code with the
 * payment of another order of another amount and of another order of the same amount, which must be refused,
 * and finally with the payment it was sent for, which must go through. A target that blocks payments after a
 * pattern passes the check that the order did not proceed, but the code checks cannot run then.
 */
public final class PurchaseStepUpCase extends MonitoredPurchaseCase {

    public PurchaseStepUpCase() {
        super("T-3-3");
    }

    @Override
    void judge(CaseContext context, PatternRun.Outcome outcome, Findings findings) {
        PurchasePattern pattern = outcome.pattern();
        String order = "the payment of order " + outcome.probe().number();
        if (outcome.paid()) {
            findings.fail(pattern.label() + ": " + order + " went through without a further verification ("
                    + answer(outcome) + ")");
        }
        else if (outcome.blocked()) {
            findings.pass(pattern.label() + ": " + order + " did not proceed: " + answer(outcome));
            findings.note(pattern.label() + ": while payments are blocked the kit cannot complete a "
                    + "re-verification, so the code checks did not run for this pattern");
        }
        else if (outcome.stepUp().isEmpty()) {
            findings.inconclusive(pattern.label() + ": " + order + " returned " + answer(outcome) + ", neither paid "
                    + "nor refused for a second authentication");
        }
        else {
            reverify(context, outcome, outcome.stepUp().get(), findings);
        }
    }

    /**
     * Requests an SMS code for the payment the target held back, checks its text, tries it on two other orders
     * and then pays with it.
     */
    private void reverify(CaseContext context, PatternRun.Outcome outcome, StepUpRequired required,
            Findings findings) {
        String label = outcome.pattern().label();
        Shopper shopper = outcome.shopper();
        PlacedOrder probe = outcome.probe();
        if (!required.methods().contains(StepUpRequired.SMS_CODE)) {
            findings.inconclusive(label + ": the payment of order " + probe.number() + " offered "
                    + required.methods() + " but no SMS code, which the kit can read");
            return;
        }
        SmsInbox inbox = context.sms().get();
        int seen = inbox.messagesTo(shopper.number()).size();
        CodeRequests codes = new CodeRequests(shopper.api().session(), shopper.api().csrf(),
                context.profile().captcha());
        ProbeResponse requested = codes.forOperation(required.purpose(), required.operationId());
        if (!Shopper.isSuccess(requested)) {
            findings.inconclusive(label + ": the request for an SMS code for the payment of order " + probe.number()
                    + " returned " + Shopper.describe(requested));
            return;
        }
        Optional<ReceivedSms> message = inbox.awaitNew(shopper.number(), seen);
        Optional<String> code = message.flatMap(inbox::code);
        message.ifPresent((received) -> context.evidence().note(inbox.describe(received)));
        if (code.isEmpty()) {
            findings.inconclusive(label + ": no SMS with a code for the payment of order " + probe.number()
                    + " arrived within " + inbox.waitTime());
            return;
        }
        Money amount = probe.total().orElse(shopper.item().price());
        if (message.get().text().contains(amount.decimal())) {
            findings.pass(label + ": the SMS code for the payment of order " + probe.number() + " names the amount "
                    + amount);
        }
        else {
            findings.fail(label + ": the SMS code for the payment of order " + probe.number() + " does not name the "
                    + "amount " + amount + ", so the subscriber cannot tell what the code confirms");
        }
        Map<String, String> confirmation = StepUpRequired.confirmation(StepUpRequired.SMS_CODE, code.get());

        tryOnOtherOrder(shopper, 2, "another order of another amount", probe, confirmation, label, findings);
        tryOnOtherOrder(shopper, 1, "another order of the same amount", probe, confirmation, label, findings);

        ProbeResponse paid = shopper.api().pay(probe.number(), PurchaseApi.STORE_CREDIT, confirmation);
        if (Shopper.isSuccess(paid)) {
            shopper.paid(probe.number());
            findings.pass(label + ": with the SMS code sent for it, the payment of order " + probe.number()
                    + " went through");
        }
        else {
            findings.inconclusive(label + ": the payment of order " + probe.number() + " with the SMS code sent for "
                    + "it returned " + Shopper.describe(paid));
        }
    }

    /**
     * Places an order of {@code quantity} items and pays it with the code sent for the probe order, which the
     * target must refuse.
     */
    private static void tryOnOtherOrder(Shopper shopper, int quantity, String what, PlacedOrder probe,
            Map<String, String> confirmation, String label, Findings findings) {
        ProbeResponse placed = shopper.placeEncrypted(shopper.orderJson(quantity, Map.of(), Optional.empty()));
        Optional<PlacedOrder> other = PlacedOrder.read(placed);
        if (!Shopper.isSuccess(placed) || other.isEmpty()) {
            findings.inconclusive(label + ": the target refused " + what + " (" + Shopper.describe(placed) + ")");
            return;
        }
        ProbeResponse payment = shopper.api().pay(other.get().number(), PurchaseApi.STORE_CREDIT, confirmation);
        String target = what + ", order " + other.get().number() + other.get().total().map((total) -> " of " + total)
                .orElse("");
        if (Shopper.isSuccess(payment)) {
            shopper.paid(other.get().number());
            findings.fail(label + ": the SMS code sent for the payment of order " + probe.number() + " paid " + target);
        }
        else {
            findings.pass(label + ": the SMS code sent for the payment of order " + probe.number() + " was refused "
                    + "for " + target + " (" + Shopper.describe(payment) + ")");
        }
    }

    /**
     * Ends INCONCLUSIVE when every pattern blocked payments, because then no re-verification could be tried.
     */
    @Override
    void conclude(List<PatternRun.Outcome> outcomes, Findings findings) {
        if (!outcomes.isEmpty() && outcomes.stream().allMatch(PatternRun.Outcome::blocked)) {
            findings.inconclusive("every pattern blocked payments, so the kit could not complete a re-verification "
                    + "with an SMS code");
        }
    }

    @Override
    String passReason() {
        return "after each abnormal purchase pattern the payment needed an SMS code bound to its order and amount";
    }
}
