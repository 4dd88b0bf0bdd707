package org.selfcare.purchase.catalogue;

/**
 * What a catalogue item is, which decides what an order of it needs and how it is delivered.
 */
public enum ItemKind {

    /** Credit for the prepaid balance, delivered at once by crediting its face value. */
    RECHARGE_CARD,

    /** A SIM card; the buyer's identity document must be on file before it is sold. */
    SIM_CARD,

    /** A handset or other device, sent by post. */
    DEVICE;

    public boolean needsIdentityDocument() {
        return this == SIM_CARD;
    }

    public boolean needsDeliveryAddress() {
        return this == DEVICE;
    }
}
