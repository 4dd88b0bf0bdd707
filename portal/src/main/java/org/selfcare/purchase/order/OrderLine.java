package org.selfcare.purchase.order;

import org.selfcare.account.Money;
import org.selfcare.purchase.catalogue.ItemKind;

/**
 * One line of an order, with the catalogue's price at the time the order was placed.
 *
 * @param faceValue the credit of one recharge card, or {@code null} for other kinds
 */
public record OrderLine(String itemId, String name, ItemKind kind, int quantity, Money unitPrice, Money faceValue) {

    /** The line's total; the order's checks keep it within a long. */
    public Money total() {
        return new Money(Math.multiplyExact(unitPrice.minorUnits(), (long) quantity), unitPrice.currency());
    }
}
