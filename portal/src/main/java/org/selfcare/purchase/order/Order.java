package org.selfcare.purchase.order;

import java.time.Instant;
import java.util.List;

import org.selfcare.account.Money;
import org.selfcare.purchase.catalogue.ItemKind;

/**
 * An order as stored.
 *
 * @param paymentMethod how it was paid or is being paid, or {@code null} before a payment starts
 * @param paymentReference the ledger reference or the provider's payment id, or {@code null}
 */
public record Order(long id, String number, long subscriberId, OrderStatus status, List<OrderLine> lines, Money total,
        Instant createdAt, Instant expiresAt, PaymentMethod paymentMethod, String paymentReference, Instant paidAt) {

    public Order {
        lines = List.copyOf(lines);
    }

    /** Whether every line is a recharge card, so the whole order is delivered once it is paid. */
    public boolean onlyRechargeCards() {
        return lines.stream().allMatch((line) -> line.kind() == ItemKind.RECHARGE_CARD);
    }
}
