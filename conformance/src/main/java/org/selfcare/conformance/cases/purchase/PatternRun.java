package org.selfcare.conformance.cases.purchase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.subscriber.OperatorApi;
import org.selfcare.conformance.cases.subscriber.OperatorApi.Alert;
import org.selfcare.conformance.cases.subscriber.StepUpRequired;
import org.selfcare.conformance.cases.subscriber.TestSubscriber;
import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;

/**
 * Produces one abnormal purchase pattern with a fresh subscriber and tries the next store-credit payment. A
 * control payment first shows that the subscriber pays without a second authentication while nothing is
 * abnormal, so a later demand for one comes from the pattern.
 */
final class PatternRun {

    /** How often the kit reads the subscriber's risk level while it waits for the detection. */
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /** How long the kit waits for the detection when the operator API does not report the risk level. */
    private static final Duration UNOBSERVED_WAIT = Duration.ofSeconds(5);

    private PatternRun() {
    }

    /**
     * The end of one pattern: the order the kit then tried to pay, the target's answer, and the alerts the
     * operator API lists for the subscriber.
     */
    record Outcome(PurchasePattern pattern, Shopper shopper, PlacedOrder probe, ProbeResponse payment,
            List<Alert> alerts) {

        Optional<StepUpRequired> stepUp() {
            return StepUpRequired.read(payment);
        }

        boolean blocked() {
            return StepUpRequired.isBlocked(payment);
        }

        boolean paid() {
            return Shopper.isSuccess(payment);
        }
    }

    /**
     * Runs the pattern. Returns empty, with an INCONCLUSIVE finding, when the kit could not create the
     * subscriber, make the control payment or produce the pattern.
     */
    static Optional<Outcome> run(CaseContext context, PurchasePattern pattern, Findings findings) {
        Shopper shopper;
        try {
            shopper = Shopper.openFresh(context);
        }
        catch (Shopper.NotReady ex) {
            findings.inconclusive(pattern.label() + ": " + ex.getMessage());
            return Optional.empty();
        }
        Findings control = new Findings();
        if (PaymentNotificationCase.buyAndPay(shopper, control).isEmpty()) {
            findings.inconclusive(pattern.label() + ": the control payment of " + shopper.number() + " before the "
                    + "pattern did not go through: " + control.reason(""));
            shopper.cancelUnpaid(findings);
            return Optional.empty();
        }
        findings.pass(pattern.label() + ": the control payment of " + shopper.number() + " went through without a "
                + "second authentication");

        if (!produce(pattern, shopper, findings)) {
            shopper.cancelUnpaid(findings);
            return Optional.empty();
        }
        TestSubscriber subscriber = shopper.fresh().orElseThrow();
        OperatorApi operator = new OperatorApi(context.newSession(), context.profile().provisioning().get());
        awaitRisk(context, operator, subscriber, findings);

        ProbeResponse placed = shopper.placeEncrypted(shopper.orderJson());
        Optional<PlacedOrder> probe = PlacedOrder.read(placed);
        if (!Shopper.isSuccess(placed) || probe.isEmpty()) {
            findings.inconclusive(pattern.label() + ": the target refused the order placed after the pattern ("
                    + Shopper.describe(placed) + ")");
            shopper.cancelUnpaid(findings);
            return Optional.empty();
        }
        ProbeResponse payment = shopper.api().pay(probe.get().number(), PurchaseApi.STORE_CREDIT);
        if (Shopper.isSuccess(payment)) {
            shopper.paid(probe.get().number());
        }
        List<Alert> alerts = operator.alertsFor(subscriber.storedNumber());
        return Optional.of(new Outcome(pattern, shopper, probe.get(), payment, alerts));
    }

    /**
     * Produces the pattern. Returns false, with an INCONCLUSIVE finding, when the target would not take the
     * orders or payments it needs.
     */
    private static boolean produce(PurchasePattern pattern, Shopper shopper, Findings findings) {
        return switch (pattern) {
            case ORDER_SURGE -> surge(pattern, shopper, findings);
            case PAY_CANCEL_CYCLES -> payCancelCycles(pattern, shopper, findings);
            case UNPAID_ORDERS -> unpaid(pattern, shopper, findings);
        };
    }

    /**
     * Sends the orders within seconds: the first one captured, then that signed message again under a new
     * idempotency key and, in turn, an altered order of two items. Each is cancelled at once, so that the
     * orders left open do not stand for the unpaid-orders pattern as well.
     */
    private static boolean surge(PurchasePattern pattern, Shopper shopper, Findings findings) {
        PurchaseApi.Captured first = shopper.api().captureOrder(OrderEncryption.encrypt(shopper.orderJson(),
                shopper.key()));
        int placed = keepAndCancel(shopper, first.response()) ? 1 : 0;
        for (int i = 1; i < pattern.repeats(); i++) {
            ProbeResponse response = (i % 2 == 1)
                    ? shopper.api().sendSigned(first.body(), PurchaseApi.newIdempotencyKey()).response()
                    : shopper.api().createOrder(OrderEncryption.encrypt(shopper.orderJson(2, Map.of(),
                            Optional.empty()), shopper.key()), PurchaseApi.JOSE);
            placed += keepAndCancel(shopper, response) ? 1 : 0;
        }
        if (placed < pattern.repeats()) {
            findings.inconclusive(pattern.label() + ": the target took only " + placed + " of "
                    + pattern.repeats() + " orders, so the kit could not produce the pattern");
            return false;
        }
        findings.note(pattern.label() + ": " + shopper.number() + " placed " + placed + " orders within seconds "
                + "(the captured order re-sent under new idempotency keys, and altered to two items), each "
                + "cancelled at once");
        return true;
    }

    private static boolean keepAndCancel(Shopper shopper, ProbeResponse response) {
        Optional<PlacedOrder> order = PlacedOrder.read(shopper.keep(response));
        if (!Shopper.isSuccess(response) || order.isEmpty()) {
            return false;
        }
        if (Shopper.isSuccess(shopper.api().cancel(order.get().number()))) {
            shopper.cancelled(order.get().number());
        }
        return true;
    }

    /**
     * Starts a provider checkout for an order and cancels the order, several times. A checkout the target
     * already refuses for a second authentication ends the pattern early, because it was detected.
     */
    private static boolean payCancelCycles(PurchasePattern pattern, Shopper shopper, Findings findings) {
        if (!shopper.paymentMethods().contains(PurchaseApi.PROVIDER)) {
            findings.inconclusive(pattern.label() + ": the catalogue offers no PROVIDER payment, so the kit cannot "
                    + "request payments to cancel; add a payment: section and configure the deployment's provider");
            return false;
        }
        for (int cycle = 1; cycle <= pattern.repeats(); cycle++) {
            ProbeResponse placed = shopper.placeEncrypted(shopper.orderJson());
            Optional<PlacedOrder> order = PlacedOrder.read(placed);
            if (!Shopper.isSuccess(placed) || order.isEmpty()) {
                findings.inconclusive(pattern.label() + ": the target refused order " + cycle + " ("
                        + Shopper.describe(placed) + ")");
                return false;
            }
            ProbeResponse started = shopper.api().pay(order.get().number(), PurchaseApi.PROVIDER);
            if (StepUpRequired.read(started).isPresent() || StepUpRequired.isBlocked(started)) {
                findings.note(pattern.label() + ": the target answered checkout " + cycle + " with "
                        + Shopper.describe(started) + ", so the pattern was detected before it was complete");
                return true;
            }
            if (!Shopper.isSuccess(started) || JsonBody.text(started, "redirectUrl").isEmpty()) {
                findings.inconclusive(pattern.label() + ": the provider checkout of order " + order.get().number()
                        + " returned " + Shopper.describe(started) + " without a redirectUrl");
                return false;
            }
            ProbeResponse cancelled = shopper.api().cancel(order.get().number());
            if (!Shopper.isSuccess(cancelled)) {
                findings.inconclusive(pattern.label() + ": the target did not cancel order " + order.get().number()
                        + " after its checkout (" + Shopper.describe(cancelled) + ")");
                return false;
            }
            shopper.cancelled(order.get().number());
        }
        findings.note(pattern.label() + ": " + shopper.number() + " started a provider checkout and cancelled the "
                + "order " + pattern.repeats() + " times");
        return true;
    }

    private static boolean unpaid(PurchasePattern pattern, Shopper shopper, Findings findings) {
        for (int i = 1; i <= pattern.repeats(); i++) {
            ProbeResponse placed = shopper.placeEncrypted(shopper.orderJson());
            if (!Shopper.isSuccess(placed)) {
                findings.inconclusive(pattern.label() + ": the target refused order " + i + " ("
                        + Shopper.describe(placed) + ")");
                return false;
            }
        }
        findings.note(pattern.label() + ": " + shopper.number() + " placed " + pattern.repeats() + " orders and "
                + "left them unpaid");
        return true;
    }

    /**
     * Waits up to {@code monitoring.wait} for the operator API to report the subscriber at risk or blocked,
     * because detection runs after the requests that produced the pattern. Without a risk level from the
     * operator API the kit waits a few seconds instead.
     */
    private static void awaitRisk(CaseContext context, OperatorApi operator, TestSubscriber subscriber,
            Findings findings) {
        Duration wait = context.profile().monitoring().waitTime();
        ProbeResponse first = operator.risk(subscriber.storedNumber());
        if (first.status() != 200) {
            findings.note("the operator API returned " + Shopper.describe(first) + " for the risk level of "
                    + subscriber.storedNumber() + ", so the kit waited " + UNOBSERVED_WAIT.toSeconds() + " seconds "
                    + "for the detection");
            PaymentNotificationCase.await(min(wait, UNOBSERVED_WAIT), Optional::<String>empty);
            return;
        }
        Optional<String> level = PaymentNotificationCase.await(wait, POLL_INTERVAL, () -> {
            String read = JsonBody.text(operator.risk(subscriber.storedNumber()), "level");
            return (read.isEmpty() || "normal".equals(read)) ? Optional.empty() : Optional.of(read);
        });
        findings.note(level.map((read) -> "the operator API reported " + subscriber.storedNumber() + " " + read)
                .orElse("the operator API still reported " + subscriber.storedNumber() + " normal after " + wait));
    }

    private static Duration min(Duration a, Duration b) {
        return (a.compareTo(b) <= 0) ? a : b;
    }
}
