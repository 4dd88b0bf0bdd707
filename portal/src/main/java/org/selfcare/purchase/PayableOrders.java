package org.selfcare.purchase;

import java.time.Instant;
import java.util.Optional;

import org.selfcare.account.Money;

/**
 * Orders as the payment side uses them: finding an order that waits for payment, and settling it with a
 * confirmed payment. Settling is idempotent: a second confirmation of the same payment changes nothing.
 */
public interface PayableOrders {

    /**
     * Returns the subscriber's order with this number while it can still be paid (created or awaiting payment,
     * not expired).
     */
    Optional<PayableOrder> payable(long subscriberId, String number);

    /**
     * Marks the order paid by the payment provider once the payment is confirmed, then fulfils what can be
     * fulfilled at once and notifies the subscriber.
     *
     * @param orderId the order
     * @param paymentReference the provider's id of the payment
     * @param confirmed the amount and currency the provider confirmed
     * @param paidAt when the payment succeeded, by the provider's clock
     * @return whether this call settled the order; {@code false} when it was settled before
     * @throws SettlementMismatchException when the confirmed amount differs from the order's total, or the order
     *         can no longer be paid
     */
    boolean settleByProvider(long orderId, String paymentReference, Money confirmed, Instant paidAt);

    /**
     * Records that the provider reports the payment failed or was cancelled; the order stays unpaid.
     */
    void providerPaymentFailed(long orderId, String paymentReference, String reason);
}
