package org.selfcare.purchase;

import java.util.Objects;

import org.selfcare.account.Money;

/**
 * An order that waits for its payment, as the payment side sees it.
 *
 * @param orderId internal id of the order
 * @param number the order number the subscriber sees
 * @param subscriberId who placed it
 * @param total the total the server computed from the catalogue
 */
public record PayableOrder(long orderId, String number, long subscriberId, Money total) {

    public PayableOrder {
        Objects.requireNonNull(number, "number must not be null");
        Objects.requireNonNull(total, "total must not be null");
    }
}
