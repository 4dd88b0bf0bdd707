package org.selfcare.conformance.cases.purchase;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.model.Findings;

/**
 * The order with a changed total that T-3-5 and T-3-6 send, and the check that the target priced it from its
 * catalogue instead.
 */
final class ServerTotal {

    /** Two items, so a total the target took from a line's price differs from price times quantity. */
    static final int QUANTITY = 2;

    /** The total and prices the client claims: one minor unit each. */
    static final long CLAIMED_MINOR_UNITS = 1;

    private ServerTotal() {
    }

    /**
     * Returns the plaintext of an order of {@link #QUANTITY} items whose expected total is one minor unit and
     * whose line claims prices of one minor unit under every name a server might read.
     */
    static String changedOrder(Shopper shopper) {
        Money claimed = shopper.item().price().withMinorUnits(CLAIMED_MINOR_UNITS);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("unitPrice", claimed.json());
        line.put("price", claimed.json());
        line.put("amount", claimed.json());
        line.put("lineTotal", claimed.json());
        line.put("total", claimed.json());
        return shopper.orderJson(QUANTITY, line, Optional.of(claimed));
    }

    /**
     * Checks that the order a response created has the catalogue's price times quantity as its total, in the
     * response and when read back.
     *
     * @param what describes the order sent, for the findings
     */
    static void check(Shopper shopper, ProbeResponse response, String what, Findings findings) {
        shopper.keep(response);
        Optional<PlacedOrder> order = PlacedOrder.read(response);
        if (!Shopper.isSuccess(response) || order.isEmpty()) {
            findings.inconclusive("the target refused " + what + " (" + Shopper.describe(response) + "), so the kit "
                    + "could not see the total it computed");
            return;
        }
        Money price = shopper.item().price();
        Money expected = price.times(QUANTITY);
        checkTotal(order.get(), expected, what, "in its response", findings);
        for (PlacedOrder.Line line : order.get().lines()) {
            if (line.unitPrice().isPresent() && !line.unitPrice().get().sameAmount(price)) {
                findings.fail("the target took the unit price " + line.unitPrice().get() + " of " + line.itemId()
                        + " from " + what + " instead of the catalogue's " + price);
            }
        }
        findings.note("the target " + (order.get().totalRecalculated() ? "reported" : "did not report")
                + " that it recalculated the total (totalRecalculated)");

        ProbeResponse stored = shopper.api().order(order.get().number());
        Optional<PlacedOrder> readBack = PlacedOrder.read(stored);
        if (stored.status() != 200 || readBack.isEmpty()) {
            findings.inconclusive("GET " + PurchaseApi.ORDERS_PATH + "/" + order.get().number() + " returned "
                    + Shopper.describe(stored) + ", so the kit could not read the stored total");
            return;
        }
        checkTotal(readBack.get(), expected, what, "when read back", findings);
    }

    private static void checkTotal(PlacedOrder order, Money expected, String what, String where,
            Findings findings) {
        if (order.total().isEmpty()) {
            findings.inconclusive("order " + order.number() + " has no readable total " + where);
            return;
        }
        Money total = order.total().get();
        if (total.sameAmount(expected)) {
            findings.pass("the target priced " + what + " at " + total + " " + where + ", the catalogue's "
                    + QUANTITY + " × " + order.lines().stream().findFirst().flatMap(PlacedOrder.Line::unitPrice)
                            .map(Money::toString).orElse(expected.toString()) + ", not the claimed "
                    + expected.withMinorUnits(CLAIMED_MINOR_UNITS));
        }
        else {
            findings.fail("the target priced " + what + " at " + total + " " + where + " instead of the "
                    + "catalogue's " + expected);
        }
    }
}
