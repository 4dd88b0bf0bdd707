package org.selfcare.conformance.cases.purchase;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.conformance.run.KitRunner;
import org.selfcare.sandbox.payments.PaymentSandbox;
import org.selfcare.sandbox.payments.RecordedRequest;
import org.selfcare.sandbox.payments.RecordedWebhook;

/**
 * T-3-7: the server confirms a payment with the financial system before it treats the order as paid.
 *
 * <p>The kit runs the payment provider sandbox of the {@code payment:} section, which the deployment uses as its
 * provider. The case orders {@code purchase.item}, starts a provider payment, pays on the sandbox's hosted page
 * and waits until the order shows PAID. Then it reads what the sandbox recorded: the portal must have retrieved
 * the payment intent after the payment and before the order showed PAID, rather than trusting the notification
 * alone. Finally it starts a second provider payment and posts the portal a {@code payment_intent.succeeded}
 * notification for it with a signature made with a wrong secret, and one without a signature: both must be
 * refused and the order must stay unpaid. It cancels that order at the end.
 */
public final class ProviderConfirmationCase extends PurchaseCase {

    /** How long the case waits for the order to show PAID after the payment on the hosted page. */
    static final Duration PAID_WAIT = Duration.ofSeconds(30);

    /**
     * How often the case reads the order while it waits. Each read is evidence, so the interval keeps the report
     * short, and it bounds how late the kit sees PAID.
     */
    static final Duration PAID_POLL_INTERVAL = Duration.ofMillis(500);

    private static final SecureRandom random = new SecureRandom();

    public ProviderConfirmationCase() {
        super("T-3-7");
    }

    @Override
    Optional<String> missingPrecondition(CaseContext context) {
        if (context.profile().payment().isPresent() && context.paymentSandbox().isPresent()) {
            return Optional.empty();
        }
        return Optional.of("the profile has no payment: section, so the kit runs no payment provider to watch; add "
                + "payment: with a port, secret-key-file and webhook-secret-file, and configure the deployment to "
                + "use the kit's sandbox as its provider");
    }

    @Override
    CaseResult run(CaseContext context, Shopper shopper) {
        Optional<TargetProfile.Payment> settings = context.profile().payment();
        Optional<PaymentSandbox> sandbox = context.paymentSandbox();
        if (!shopper.paymentMethods().contains(PurchaseApi.PROVIDER)) {
            return context.result(description(), Verdict.INCONCLUSIVE, "the catalogue offers no PROVIDER payment; "
                    + "configure the deployment to use the kit's payment sandbox at "
                    + sandbox.get().apiBase());
        }
        Findings findings = new Findings();

        Optional<Started> paid = startPayment(shopper, sandbox.get(), findings);
        if (paid.isPresent()) {
            payAndWatch(context, shopper, sandbox.get(), paid.get(), findings);
        }
        Optional<Started> open = startPayment(shopper, sandbox.get(), findings);
        if (open.isPresent()) {
            URI webhook = settings.get().webhookUrl().orElse(context.target().resolve(KitRunner.WEBHOOK_PATH));
            checkForgedNotifications(context, shopper, open.get(), webhook, findings);
        }
        shopper.cancelUnpaid(findings);
        return context.result(description(), findings, "the portal retrieved the payment from the provider before it "
                + "showed the order as paid, and refused forged notifications");
    }

    /** A provider payment the portal started: the order, the payment intent and its hosted page. */
    private record Started(PlacedOrder order, String intentId, URI page) {
    }

    /**
     * Orders one item and starts a provider payment for it. Returns empty, with an INCONCLUSIVE finding, when the
     * portal does not start one with the kit's sandbox.
     */
    private static Optional<Started> startPayment(Shopper shopper, PaymentSandbox sandbox, Findings findings) {
        ProbeResponse placed = shopper.placeEncrypted(shopper.orderJson());
        Optional<PlacedOrder> order = PlacedOrder.read(placed);
        if (!Shopper.isSuccess(placed) || order.isEmpty()) {
            findings.inconclusive("the target refused the encrypted order of " + shopper.item().id() + " ("
                    + Shopper.describe(placed) + "), so the kit could not start a payment");
            return Optional.empty();
        }
        ProbeResponse started = shopper.api().pay(order.get().number(), PurchaseApi.PROVIDER);
        Optional<String> flagged = shopper.flagged("starting a provider payment of order " + order.get().number(),
                started);
        if (flagged.isPresent()) {
            findings.inconclusive(flagged.get());
            return Optional.empty();
        }
        String redirect = JsonBody.text(started, "redirectUrl");
        if (!Shopper.isSuccess(started) || redirect.isEmpty()) {
            findings.inconclusive("starting a provider payment of order " + order.get().number() + " returned "
                    + Shopper.describe(started) + " without a redirectUrl");
            return Optional.empty();
        }
        URI page = URI.create(redirect);
        URI base = URI.create(sandbox.apiBase());
        String[] segments = page.getPath().split("/");
        if (!base.getHost().equals(page.getHost()) || base.getPort() != page.getPort() || segments.length != 3
                || !"pay".equals(segments[1])) {
            findings.inconclusive("the portal sent the payment of order " + order.get().number() + " to " + redirect
                    + ", not to the kit's payment sandbox at " + base + "; configure the deployment's provider "
                    + "there");
            return Optional.empty();
        }
        return Optional.of(new Started(order.get(), segments[2], page));
    }

    /**
     * Pays on the hosted page, waits for the order to show PAID, and checks in the sandbox's records that the
     * portal retrieved the payment intent in between.
     */
    private static void payAndWatch(CaseContext context, Shopper shopper, PaymentSandbox sandbox, Started payment,
            Findings findings) {
        ProbeSession page = context.newSandboxSession(payment.page());
        ProbeResponse form = page.get(payment.page().toString());
        Instant paidAtProvider = context.clock().instant();
        ProbeResponse pay = page.postForm(payment.page().toString(), Map.of("outcome", "pay"));
        if (form.status() != 200 || !pay.isRedirect()) {
            findings.inconclusive("the sandbox's payment page did not complete the payment of "
                    + payment.intentId() + " (GET returned " + Shopper.describe(form) + ", Pay returned "
                    + Shopper.describe(pay) + ")");
            return;
        }
        findings.note("paid " + payment.intentId() + " for order " + payment.order().number() + " on the sandbox's "
                + "hosted page at " + paidAtProvider + "; it redirected to " + pay.header("location").orElse("?"));

        Optional<Instant> paidSeen = awaitPaid(context, shopper, payment.order().number());
        List<RecordedRequest> requests = sandbox.records().requestsFor(payment.intentId());
        List<RecordedWebhook> webhooks = sandbox.records().webhooksFor(payment.intentId());
        requests.forEach((request) -> context.evidence().note("sandbox received " + request.method() + " "
                + request.path() + " at " + request.time() + " and answered " + request.status()));
        webhooks.forEach((webhook) -> context.evidence().note("sandbox sent " + webhook.type() + " (" + webhook
                .eventId() + ", attempt " + webhook.attempt() + ") to " + webhook.endpoint() + " at " + webhook.time()
                + ": " + (webhook.status() == 0 ? webhook.error() : "status " + webhook.status())));
        if (paidSeen.isEmpty()) {
            findings.inconclusive("order " + payment.order().number() + " did not show PAID within " + PAID_WAIT
                    + " after the payment at the provider" + (webhooks.isEmpty() ? "; the sandbox sent no notification"
                            : ""));
            return;
        }
        shopper.paid(payment.order().number());

        String intentPath = "/v1/payment_intents/" + payment.intentId();
        Optional<RecordedRequest> retrieve = requests.stream()
                .filter((request) -> "GET".equals(request.method()) && intentPath.equals(request.path())
                        && request.status() == 200 && !request.time().isBefore(paidAtProvider))
                .findFirst();
        if (retrieve.isEmpty()) {
            findings.fail("order " + payment.order().number() + " showed PAID at " + paidSeen.get() + " but the portal "
                    + "never retrieved " + intentPath + " from the provider after the payment, so it trusted the "
                    + "notification alone");
        }
        else if (retrieve.get().time().isAfter(paidSeen.get())) {
            findings.fail("order " + payment.order().number() + " showed PAID at " + paidSeen.get() + ", before the "
                    + "portal retrieved " + intentPath + " at " + retrieve.get().time());
        }
        else {
            // The kit sees PAID up to one poll interval late, so this bound is loose by that much. The order's
            // own paidAt is the deployment's clock, which the kit cannot compare with its own, so it is noted.
            findings.note("order " + payment.order().number() + " reports paidAt " + paidAt(shopper, payment));
            findings.pass("the portal retrieved " + intentPath + " from the provider at " + retrieve.get().time()
                    + ", after the payment at " + paidAtProvider + " and before order " + payment.order().number()
                    + " showed PAID at " + paidSeen.get());
        }
    }

    private static String paidAt(Shopper shopper, Started payment) {
        String paidAt = JsonBody.of(shopper.api().order(payment.order().number())).path("order").path("paidAt")
                .asString("");
        return paidAt.isEmpty() ? "nothing" : paidAt;
    }

    private static Optional<Instant> awaitPaid(CaseContext context, Shopper shopper, String number) {
        return PaymentNotificationCase.await(PAID_WAIT, PAID_POLL_INTERVAL,
                () -> PlacedOrder.read(shopper.api().order(number)).filter(PlacedOrder::isPaid)
                        .map((order) -> context.clock().instant()));
    }

    /**
     * Posts a {@code payment_intent.succeeded} notification for an unpaid order signed with a wrong secret, then
     * one without a signature. Each must be refused, and the order must stay unpaid.
     */
    private static void checkForgedNotifications(CaseContext context, Shopper shopper, Started payment, URI webhook,
            Findings findings) {
        ProbeSession attacker = context.newSession();
        String body = forgedEvent(payment, shopper.item().price());
        context.evidence().note("forged notification for " + payment.intentId() + ": " + body);
        long now = context.clock().instant().getEpochSecond();
        String forged = "t=" + now + ",v1=" + hmac(randomSecret(), now + "." + body);
        checkNotificationRefused("the notification signed with a wrong secret", attacker.sendExactly("POST",
                webhook.toString(), Map.of("Content-Type", "application/json", "Stripe-Signature", forged), body),
                findings);
        checkNotificationRefused("the notification without a Stripe-Signature header", attacker.sendExactly("POST",
                webhook.toString(), Map.of("Content-Type", "application/json"), body.replace("evt_x1470_",
                        "evt_x1470_unsigned_")), findings);

        Optional<PlacedOrder> after = PlacedOrder.read(shopper.api().order(payment.order().number()));
        if (after.isEmpty()) {
            findings.inconclusive("the kit could not read order " + payment.order().number() + " after the forged "
                    + "notifications");
        }
        else if (after.get().isPaid()) {
            findings.fail("order " + payment.order().number() + " became " + after.get().status() + " after the forged "
                    + "notifications, although nobody paid it");
        }
        else {
            findings.pass("order " + payment.order().number() + " stayed " + after.get().status() + " after the "
                    + "forged notifications");
        }
    }

    private static void checkNotificationRefused(String what, ProbeResponse response, Findings findings) {
        if (!response.answered()) {
            findings.inconclusive("the portal's webhook did not answer " + what + " (" + Shopper.describe(response)
                    + ")");
        }
        else if (response.status() >= 400 && response.status() < 500) {
            findings.pass("the portal's webhook refused " + what + " with " + Shopper.describe(response));
        }
        else {
            findings.fail("the portal's webhook answered " + what + " with " + Shopper.describe(response)
                    + " instead of refusing it");
        }
    }

    /** Returns a forged {@code payment_intent.succeeded} event for the payment. */
    private static String forgedEvent(Started payment, Money price) {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("id", payment.intentId());
        intent.put("object", "payment_intent");
        intent.put("amount", payment.order().total().orElse(price).minorUnits());
        intent.put("amount_received", payment.order().total().orElse(price).minorUnits());
        intent.put("currency", payment.order().total().orElse(price).currency().toLowerCase(java.util.Locale.ROOT));
        intent.put("status", "succeeded");
        intent.put("livemode", false);
        intent.put("metadata", Map.of("order_number", payment.order().number()));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_x1470_" + HexFormat.of().formatHex(randomBytes(12)));
        event.put("object", "event");
        event.put("type", "payment_intent.succeeded");
        event.put("created", Instant.now().getEpochSecond());
        event.put("livemode", false);
        event.put("data", Map.of("object", intent));
        return JsonBody.write(event);
    }

    private static String randomSecret() {
        return "whsec_" + HexFormat.of().formatHex(randomBytes(24));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
