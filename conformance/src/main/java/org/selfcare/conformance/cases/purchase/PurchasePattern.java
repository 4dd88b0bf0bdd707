package org.selfcare.conformance.cases.purchase;

/**
 * An abnormal purchase behaviour the kit produces with a fresh subscriber for T-3-2 and T-3-3, with the name of
 * the Selfcare detector meant to notice it. With the control order before it, each pattern reaches Selfcare's
 * default warning thresholds (5 orders in an hour, 3 cancellations after a payment request, 5 unpaid orders).
 * Together with the probe and the two orders T-3-3 adds to try the code elsewhere, it stays under the severe
 * threshold of 10 orders in an hour, so the payment is held for a code rather than blocked.
 */
enum PurchasePattern {

    /** Orders placed within a minute: the captured order re-sent under new idempotency keys, and altered. */
    ORDER_SURGE("a sudden mass of orders", "order-surge", 5),

    /** A provider checkout started and the order cancelled, again and again. */
    PAY_CANCEL_CYCLES("repeated payment requests and cancellations", "pay-cancel-cycles", 4),

    /** Orders placed and left unpaid. */
    UNPAID_ORDERS("many unpaid orders", "unpaid-orders", 5);

    private final String label;

    private final String detector;

    private final int repeats;

    PurchasePattern(String label, String detector, int repeats) {
        this.label = label;
        this.detector = detector;
        this.repeats = repeats;
    }

    String label() {
        return label;
    }

    /** Returns the name of the Selfcare detector meant to notice the pattern, as the operator API lists it. */
    String detector() {
        return detector;
    }

    /** Returns how many orders or cycles the kit produces. */
    int repeats() {
        return repeats;
    }
}
