package org.selfcare.conformance.cases.purchase;

import java.util.Optional;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import tools.jackson.databind.JsonNode;

/**
 * T-3-6: the server recalculates a total changed in transit.
 *
 * <p>The case places an encrypted, signed order of one item and keeps the request as a man in the middle would
 * capture it, and sends it again three ways. First it changes one ciphertext byte, so that a receiver that
 * skipped the AES-GCM tag would read another quantity, and signs it afresh: the target must reject it. Then it
 * sends it unchanged, byte for byte and freshly signed with the same idempotency key: neither may create a
 * second order. Last, because the ciphertext cannot be changed meaningfully, a man in the middle encrypts a new
 * order with a total of one minor unit to the published key and signs it: the target must price it from its
 * catalogue. The case cancels its orders at the end.
 */
public final class TransitTamperCase extends PurchaseCase {

    /** The quantity digit of the captured order, and what the changed ciphertext would turn it into. */
    private static final char QUANTITY = '1';

    private static final char FLIPPED_QUANTITY = '9';

    public TransitTamperCase() {
        super("T-3-6");
    }

    @Override
    CaseResult run(CaseContext context, Shopper shopper) {
        Findings findings = new Findings();
        String plaintext = shopper.orderJson();
        PurchaseApi.Captured captured = shopper.api().captureOrder(OrderEncryption.encrypt(plaintext, shopper.key()));
        shopper.keep(captured.response());
        Optional<PlacedOrder> first = PlacedOrder.read(captured.response());
        if (!Shopper.isSuccess(captured.response()) || first.isEmpty()) {
            findings.inconclusive("the target refused the encrypted, signed order (" + Shopper.describe(
                    captured.response()) + "), so the kit has no captured order to send again");
            shopper.cancelUnpaid(findings);
            return context.result(description(), findings, "");
        }
        findings.note("captured order request " + first.get().number() + " with idempotency key "
                + captured.idempotencyKey());

        checkChangedCiphertext(shopper, plaintext, captured, findings);
        checkReplay(shopper, captured, first.get(), findings);

        String changed = ServerTotal.changedOrder(shopper);
        context.evidence().note("order plaintext a man in the middle encrypted to the published key in place of "
                + "the intercepted one: " + changed);
        PurchaseApi.Captured substituted = shopper.api().captureOrder(OrderEncryption.encrypt(changed,
                shopper.key()));
        ServerTotal.check(shopper, substituted.response(), "the order re-encrypted in transit with a changed total",
                findings);

        shopper.cancelUnpaid(findings);
        return context.result(description(), findings, "a changed ciphertext was refused, a replay created no second "
                + "order, and an order re-encrypted with a changed total was priced from the catalogue");
    }

    /**
     * Flips the bits of the captured ciphertext that, under AES-GCM's counter stream, hold the quantity digit,
     * signs the result afresh and sends it with a new idempotency key.
     */
    private static void checkChangedCiphertext(Shopper shopper, String plaintext, PurchaseApi.Captured captured,
            Findings findings) {
        int offset = plaintext.indexOf("\"quantity\":" + QUANTITY) + "\"quantity\":".length();
        String flipped = OrderEncryption.flipCiphertext(captured.body(), offset, QUANTITY, FLIPPED_QUANTITY);
        PurchaseApi.Captured sent = shopper.api().sendSigned(flipped, PurchaseApi.newIdempotencyKey());
        shopper.checkRefused("the captured order with one ciphertext byte changed (the quantity " + QUANTITY
                + " would read " + FLIPPED_QUANTITY + " without the tag check) and signed afresh", sent.response(),
                findings);
    }

    /**
     * Sends the captured request again byte for byte, then freshly signed with the same idempotency key as a
     * retrying client would. Neither may create a second order.
     */
    private static void checkReplay(Shopper shopper, PurchaseApi.Captured captured, PlacedOrder first,
            Findings findings) {
        Optional<String> newestBefore = newestOrder(shopper);
        checkNoSecondOrder(shopper, "the captured order request replayed byte for byte",
                shopper.api().replay(captured), first, findings);
        checkNoSecondOrder(shopper, "the captured order signed afresh with the same idempotency key",
                shopper.api().sendSigned(captured.body(), captured.idempotencyKey()).response(), first, findings);
        Optional<String> newestAfter = newestOrder(shopper);
        if (newestBefore.isPresent() && newestAfter.isPresent() && !newestBefore.equals(newestAfter)) {
            findings.fail("after the replays the newest order of " + PurchaseApi.ORDERS_PATH + " is "
                    + newestAfter.get() + " instead of " + newestBefore.get());
        }
    }

    private static void checkNoSecondOrder(Shopper shopper, String what, ProbeResponse response, PlacedOrder first,
            Findings findings) {
        shopper.keep(response);
        if (!response.answered()) {
            findings.inconclusive("the target did not answer " + what + " (" + Shopper.describe(response) + ")");
            return;
        }
        if (response.status() >= 400 && response.status() < 500) {
            findings.pass("the target refused " + what + " with " + Shopper.describe(response));
            return;
        }
        Optional<PlacedOrder> order = PlacedOrder.read(response);
        if (Shopper.isSuccess(response) && order.isPresent() && order.get().number().equals(first.number())) {
            String replayed = response.header("idempotent-replayed").map((value) -> ", Idempotent-Replayed: "
                    + value).orElse("");
            findings.pass("the target answered " + what + " with the first order " + first.number() + " again ("
                    + Shopper.describe(response) + replayed + ")");
            return;
        }
        findings.fail("the target answered " + what + " with " + Shopper.describe(response)
                + order.map((other) -> " and a second order " + other.number()).orElse(""));
    }

    private static Optional<String> newestOrder(Shopper shopper) {
        ProbeResponse list = shopper.api().orders();
        if (list.status() != 200) {
            return Optional.empty();
        }
        for (JsonNode item : JsonBody.of(list).path("items")) {
            return Optional.of(item.path("number").asString("")).filter((number) -> !number.isEmpty());
        }
        return Optional.empty();
    }
}
