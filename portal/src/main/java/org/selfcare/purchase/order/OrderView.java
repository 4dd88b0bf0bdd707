package org.selfcare.purchase.order;

import java.time.Instant;
import java.util.List;

import org.selfcare.account.Amount;

/**
 * An order as the JSON API shows it.
 */
record OrderView(String number, String status, List<LineView> items, Amount total, Instant createdAt,
        Instant expiresAt, String paymentMethod, Instant paidAt) {

    static OrderView of(Order order) {
        return new OrderView(order.number(), order.status().name(),
                order.lines().stream().map(LineView::of).toList(), Amount.of(order.total()), order.createdAt(),
                order.expiresAt(), order.paymentMethod() == null ? null : order.paymentMethod().name(),
                order.paidAt());
    }

    record LineView(String itemId, String name, String kind, int quantity, Amount unitPrice, Amount lineTotal) {

        static LineView of(OrderLine line) {
            return new LineView(line.itemId(), line.name(), line.kind().name(), line.quantity(),
                    Amount.of(line.unitPrice()), Amount.of(line.total()));
        }
    }
}
