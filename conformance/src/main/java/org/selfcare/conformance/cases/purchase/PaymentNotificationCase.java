package org.selfcare.conformance.cases.purchase;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.selfcare.conformance.cases.subscriber.Polling;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.inbox.SmsInbox;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.mail.ReceivedMail;
import org.selfcare.sandbox.smsc.ReceivedSms;

/**
 * T-3-4: the subscriber gets a notification when a payment completes.
 *
 * <p>The case buys the profile's item as the shopper (a fresh subscriber, or {@code accounts[0]}), pays with
 * store credit, and waits for an SMS at the kit's SMSC that names the order number and the amount. With a
 * {@code mail:} section it also looks for an e-mail that names them, which only a subscriber with an e-mail
 * address gets. It fails when no message names the order within {@code sms.wait}.
 */
public final class PaymentNotificationCase extends PurchaseCase {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    public PaymentNotificationCase() {
        super("T-3-4");
    }

    @Override
    Optional<String> missingPrecondition(CaseContext context) {
        if (context.sms().isPresent()) {
            return Optional.empty();
        }
        return Optional.of("the profile has no sms: section, so the kit cannot read the payment SMS; add sms: with "
                + "the port the kit's SMSC listens on, system-id and password-file, and configure the deployment to "
                + "send SMS there");
    }

    @Override
    CaseResult run(CaseContext context, Shopper shopper) {
        Optional<SmsInbox> sms = context.sms();
        Findings findings = new Findings();
        String number = shopper.number();
        int smsSeen = sms.get().messagesTo(number).size();
        int mailSeen = context.mail().map((mail) -> mail.messages().size()).orElse(0);

        Optional<PlacedOrder> paid = buyAndPay(shopper, findings);
        shopper.cancelUnpaid(findings);
        if (paid.isEmpty()) {
            return context.result(description(), findings, "");
        }
        PlacedOrder order = paid.get();
        Money amount = order.total().orElse(shopper.item().price());

        Duration wait = sms.get().waitTime();
        Optional<ReceivedSms> message = await(wait, () -> sms.get().messagesTo(number).stream().skip(smsSeen)
                .filter((received) -> received.text() != null && received.text().contains(order.number()))
                .findFirst());
        boolean notified = false;
        if (message.isPresent()) {
            context.evidence().note(sms.get().describe(message.get()));
            notified = checkNames("the SMS to " + number, message.get().text(), order, amount, findings);
        }
        else {
            findings.note("no SMS to " + number + " naming order " + order.number() + " arrived at the kit's SMSC "
                    + "within " + wait);
        }
        if (context.mail().isPresent()) {
            notified |= checkMail(context, context.mail().get(), mailSeen, order, amount,
                    message.isPresent() ? Duration.ofSeconds(2) : Duration.ZERO, findings);
        }
        if (!notified && message.isEmpty()) {
            findings.fail("no SMS" + (context.mail().isPresent() ? " or e-mail" : "") + " about the payment of order "
                    + order.number() + " arrived within " + wait);
        }
        return context.result(description(), findings, "the payment of order " + order.number() + " was announced "
                + "with its number and amount");
    }

    /**
     * Places an encrypted order of one item and pays for it with store credit. Returns the paid order, or empty
     * with an INCONCLUSIVE finding that names what to fix.
     */
    static Optional<PlacedOrder> buyAndPay(Shopper shopper, Findings findings) {
        ProbeResponse placed = shopper.placeEncrypted(shopper.orderJson());
        Optional<PlacedOrder> order = PlacedOrder.read(placed);
        if (!Shopper.isSuccess(placed) || order.isEmpty()) {
            findings.inconclusive("the target refused the encrypted order of " + shopper.item().id() + " ("
                    + Shopper.describe(placed) + "), so the kit could not buy anything");
            return Optional.empty();
        }
        ProbeResponse payment = shopper.api().pay(order.get().number(), PurchaseApi.STORE_CREDIT);
        Optional<String> flagged = shopper.flagged("paying order " + order.get().number() + " with store credit",
                payment);
        if (flagged.isPresent()) {
            findings.inconclusive(flagged.get());
            return Optional.empty();
        }
        if (payment.status() == 409 && "insufficient_credit".equals(org.selfcare.conformance.http.JsonBody
                .text(payment, "code"))) {
            findings.inconclusive(shopper.number() + " has too little store credit for " + shopper.item().id()
                    + " (" + shopper.item().price() + "); top up its balance or choose a cheaper purchase.item");
            return Optional.empty();
        }
        Optional<PlacedOrder> paid = PlacedOrder.read(payment);
        if (!Shopper.isSuccess(payment) || paid.isEmpty() || !paid.get().isPaid()) {
            findings.inconclusive("paying order " + order.get().number() + " with store credit returned "
                    + Shopper.describe(payment) + paid.map((read) -> " with status " + read.status()).orElse("")
                    + ", so the order was not paid");
            return Optional.empty();
        }
        shopper.paid(paid.get().number());
        findings.pass("order " + paid.get().number() + " of " + shopper.item().id() + " was paid with store credit "
                + "(status " + paid.get().status() + ")");
        return paid;
    }

    /**
     * Checks that a message names the order number and the amount. Returns whether it named both.
     */
    private static boolean checkNames(String what, String text, PlacedOrder order, Money amount,
            Findings findings) {
        boolean namesAmount = !amount.decimal().isEmpty() && text.contains(amount.decimal());
        if (namesAmount) {
            findings.pass(what + " names order " + order.number() + " and the amount " + amount.decimal());
            return true;
        }
        findings.fail(what + " names order " + order.number() + " but not the amount " + amount);
        return false;
    }

    /**
     * Looks for an e-mail that names the order, waiting up to {@code wait}. Its absence is only noted, because
     * the deployment sends e-mail only to subscribers with an address.
     */
    private static boolean checkMail(CaseContext context, MailSink mail, int seen, PlacedOrder order, Money amount,
            Duration wait, Findings findings) {
        Optional<ReceivedMail> message = await(wait, () -> mail.messages().stream().skip(seen)
                .filter((received) -> mentions(received, order.number())).findFirst());
        if (message.isEmpty()) {
            findings.note("no e-mail naming order " + order.number() + " arrived at the kit's mail sink; the "
                    + "subscriber may have no e-mail address");
            return false;
        }
        ReceivedMail received = message.get();
        context.evidence().note("e-mail to " + String.join(", ", received.recipients()) + " received at "
                + received.receivedAt() + ", subject: " + context.redactor().text(String.valueOf(received.subject())));
        String text = String.valueOf(received.subject()) + "\n" + String.valueOf(received.text());
        return checkNames("the e-mail to " + String.join(", ", received.recipients()), text, order, amount, findings);
    }

    private static boolean mentions(ReceivedMail mail, String text) {
        return List.of(String.valueOf(mail.subject()), String.valueOf(mail.text())).stream()
                .anyMatch((part) -> part.contains(text));
    }

    /**
     * Polls {@code probe} every 100 milliseconds until it finds something or {@code wait} has passed.
     */
    static <T> Optional<T> await(Duration wait, Supplier<Optional<T>> probe) {
        return await(wait, POLL_INTERVAL, probe);
    }

    /**
     * Polls {@code probe} every {@code interval} until it finds something or {@code wait} has passed.
     */
    static <T> Optional<T> await(Duration wait, Duration interval, Supplier<Optional<T>> probe) {
        return Polling.await(wait, interval, probe);
    }
}
