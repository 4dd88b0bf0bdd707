package org.selfcare.conformance.cases.subscription;

import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.subscriber.SmsCodes;
import org.selfcare.conformance.cases.subscriber.StepUpRequired;
import org.selfcare.conformance.cases.subscriber.TestSubscribers;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.sandbox.smsc.ReceivedSms;

/**
 * T-4-1: every subscription change needs the subscriber's identity confirmed.
 *
 * <p>With a fresh subscriber the case subscribes to a service without confirmation, which must be refused with
 * 403 {@code step_up_required} naming the fee. It requests an SMS code for that operation and checks that the SMS
 * names the service and the fee. The code must be refused with a subscription to another service, a wrong code
 * must be refused, and the right one must subscribe. The cancellation without confirmation and with the used
 * code must be refused, and with the service password from the provisioning SMS it must go through. Then the
 * confirmed subscription sent again with its used code must be refused.
 */
public final class IdentityConfirmationCase extends SubscriptionCase {

    public IdentityConfirmationCase() {
        super("T-4-1");
    }

    @Override
    CaseResult run(CaseContext context, Findings findings) {
        Optional<Member> joined = join(context, findings);
        Optional<ValueAddedService> chosen = joined.flatMap((member) -> chosen(context, member, findings));
        if (chosen.isEmpty()) {
            return context.result(description(), findings, "");
        }
        Member member = joined.get();
        ValueAddedService service = chosen.get();

        Optional<Map<String, String>> usedCode = subscribe(context, member, service, findings);
        boolean cancelled = usedCode.isPresent() && cancel(member, service, usedCode.get(), findings);
        if (cancelled && !usedCode.get().isEmpty()) {
            replay(member, service, usedCode.get(), findings);
        }
        return context.result(description(), findings, "every subscription change needed an SMS code or the "
                + "service password, bound to that change");
    }

    /**
     * Runs the subscribe checks. Returns the confirmation that subscribed, empty when none was needed, or
     * nothing when the subscriber is not subscribed at the end and the cancellation cannot be checked.
     */
    private Optional<Map<String, String>> subscribe(CaseContext context, Member member, ValueAddedService service, Findings findings) {
        ProbeResponse bare = member.api().subscribe(service.code(), Map.of());
        if (SubscriptionApi.isSuccess(bare)) {
            findings.fail("the target subscribed " + member.number() + " to " + service + " without any "
                    + "confirmation (" + TestSubscribers.describe(bare) + ")");
            return Optional.of(Map.of());
        }
        Optional<StepUpRequired> required = StepUpRequired.read(bare);
        if (required.isEmpty()) {
            findings.inconclusive("subscribing to " + service + " without confirmation returned "
                    + TestSubscribers.describe(bare) + ", not 403 step_up_required");
            return Optional.empty();
        }
        findings.pass("subscribing to " + service + " without confirmation was refused: " + required.get());
        checkNamesFee("the confirmation request for subscribing", required.get(), service, findings);

        Optional<ReceivedSms> message = requestCode(context, member, required.get());
        Optional<String> code = message.flatMap((received) -> context.sms().get().code(received));
        if (code.isEmpty()) {
            findings.inconclusive("no SMS code for subscribing to " + service + " arrived at the kit's SMSC within "
                    + context.sms().get().waitTime());
            return Optional.empty();
        }
        checkSmsNames(message.get().text(), service, findings);
        Map<String, String> right = StepUpRequired.confirmation(StepUpRequired.SMS_CODE, code.get());

        Optional<ValueAddedService> other = member.other(service);
        if (other.isPresent()) {
            ProbeResponse altered = member.api().subscribe(other.get().code(), right);
            if (SubscriptionApi.isSuccess(altered)) {
                findings.fail("the SMS code sent for subscribing to " + service + " subscribed to " + other.get()
                        + " (" + TestSubscribers.describe(altered) + ")");
            }
            else {
                findings.pass("the SMS code sent for subscribing to " + service + " was refused for " + other.get()
                        + " (" + TestSubscribers.describe(altered) + ")");
            }
        }
        else {
            findings.note("the target offers only " + service + ", so the kit could not send its code with a "
                    + "subscription to another service");
        }

        ProbeResponse wrong = member.api().subscribe(service.code(),
                StepUpRequired.confirmation(StepUpRequired.SMS_CODE, SmsCodes.wrongCode(code.get())));
        if (SubscriptionApi.isSuccess(wrong)) {
            findings.fail("the target subscribed to " + service + " with a wrong SMS code ("
                    + TestSubscribers.describe(wrong) + ")");
            return Optional.of(Map.of());
        }
        findings.pass("a wrong SMS code was refused (" + TestSubscribers.describe(wrong) + ")");

        ProbeResponse confirmed = member.api().subscribe(service.code(), right);
        if (!SubscriptionApi.isSuccess(confirmed)) {
            findings.inconclusive("subscribing to " + service + " with the SMS code sent for it returned "
                    + TestSubscribers.describe(confirmed));
            return Optional.empty();
        }
        findings.pass("with the SMS code sent for it, the subscription to " + service + " was made ("
                + TestSubscribers.describe(confirmed) + ")");
        return Optional.of(right);
    }

    /**
     * Sends the confirmed subscription again, with its used code, once the subscription was cancelled, so that
     * only the code can stop it. A service that runs to the end of its period after a cancellation makes the
     * target refuse it as already subscribed, which the finding names.
     */
    private static void replay(Member member, ValueAddedService service, Map<String, String> usedCode,
            Findings findings) {
        ProbeResponse replayed = member.api().subscribe(service.code(), usedCode);
        if (SubscriptionApi.isSuccess(replayed)) {
            findings.fail("the confirmed subscription to " + service + " was accepted again with its used code ("
                    + TestSubscribers.describe(replayed) + ")");
        }
        else {
            findings.pass("the confirmed subscription to " + service + " sent again with its used code was refused ("
                    + TestSubscribers.describe(replayed) + ")");
        }
    }

    /**
     * Runs the cancellation checks: without confirmation, with the code used for the subscription, and with the
     * service password. Returns whether the subscription was cancelled.
     */
    private static boolean cancel(Member member, ValueAddedService service, Map<String, String> usedCode,
            Findings findings) {
        ProbeResponse bare = member.api().cancel(service.code(), Map.of());
        if (SubscriptionApi.isSuccess(bare)) {
            findings.fail("the target cancelled the subscription to " + service + " without any confirmation ("
                    + TestSubscribers.describe(bare) + ")");
            return true;
        }
        Optional<StepUpRequired> required = StepUpRequired.read(bare);
        if (required.isEmpty()) {
            findings.inconclusive("cancelling " + service + " without confirmation returned "
                    + TestSubscribers.describe(bare) + ", not 403 step_up_required");
            return false;
        }
        findings.pass("cancelling " + service + " without confirmation was refused: " + required.get());

        if (!usedCode.isEmpty()) {
            ProbeResponse reused = member.api().cancel(service.code(), usedCode);
            if (SubscriptionApi.isSuccess(reused)) {
                findings.fail("the SMS code used for subscribing to " + service + " cancelled it as well ("
                        + TestSubscribers.describe(reused) + ")");
                return true;
            }
            findings.pass("the SMS code used for subscribing was refused for the cancellation ("
                    + TestSubscribers.describe(reused) + ")");
        }

        Optional<String> password = member.subscriber().servicePassword();
        if (password.isEmpty()) {
            findings.inconclusive("the provisioning SMS held no service password that sms.service-password-pattern "
                    + "matches, so the kit could not cancel with it");
            return false;
        }
        ProbeResponse withPassword = member.api().cancel(service.code(),
                StepUpRequired.confirmation(StepUpRequired.SERVICE_PASSWORD, password.get()));
        if (SubscriptionApi.isSuccess(withPassword)) {
            findings.pass("with the service password, the subscription to " + service + " was cancelled");
            return true;
        }
        findings.inconclusive("cancelling " + service + " with the service password returned "
                + TestSubscribers.describe(withPassword));
        return false;
    }

    private static void checkNamesFee(String what, StepUpRequired required, ValueAddedService service,
            Findings findings) {
        if (required.names(service.fee())) {
            findings.pass(what + " to " + service.code() + " names the fee " + service.fee());
        }
        else {
            findings.fail(what + " to " + service.code() + " does not name the fee " + service.fee() + " in its "
                    + "operation's amount or description");
        }
    }

    private static void checkSmsNames(String text, ValueAddedService service, Findings findings) {
        boolean namesService = text.contains(service.name()) || text.contains(service.content())
                || text.contains(service.code());
        boolean namesFee = text.contains(service.fee().decimal());
        if (namesService && namesFee) {
            findings.pass("the SMS code for subscribing names the service " + service.name() + " and the fee "
                    + service.fee());
        }
        else {
            findings.fail("the SMS code for subscribing to " + service + " does not name "
                    + (namesService ? "the fee " + service.fee() : "the service " + service.name())
                    + ", so the subscriber cannot tell what the code confirms");
        }
    }
}
