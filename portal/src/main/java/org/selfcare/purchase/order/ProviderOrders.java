package org.selfcare.purchase.order;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.selfcare.account.Money;
import org.selfcare.purchase.PayableOrder;
import org.selfcare.purchase.PayableOrders;
import org.selfcare.purchase.SettlementMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orders interface used by the payment provider integration. A confirmed payment settles the order only when it matches
 * the order's total and currency and the order could still be paid when the money was taken.
 */
@Service
class ProviderOrders implements PayableOrders {

    private static final Logger logger = LoggerFactory.getLogger(ProviderOrders.class);

    private final OrderStore store;

    private final OrderSettlement settlement;

    private final Clock clock;

    ProviderOrders(OrderStore store, OrderSettlement settlement, Clock clock) {
        this.store = store;
        this.settlement = settlement;
        this.clock = clock;
    }

    @Override
    public Optional<PayableOrder> payable(long subscriberId, String number) {
        Instant now = clock.instant();
        return store.find(subscriberId, number)
                .filter((order) -> order.status().unpaid() && order.expiresAt().isAfter(now))
                .map((order) -> new PayableOrder(order.id(), order.number(), order.subscriberId(), order.total()));
    }

    @Override
    @Transactional
    public boolean settleByProvider(long orderId, String paymentReference, Money confirmed, Instant paidAt) {
        Order order = store.lock(orderId)
                .orElseThrow(() -> new SettlementMismatchException("There is no order " + orderId + "."));
        if (!order.status().unpaid()) {
            if (order.paymentMethod() == PaymentMethod.PROVIDER && paymentReference.equals(order.paymentReference())) {
                return false;
            }
            throw new SettlementMismatchException("Order " + order.number() + " is " + order.status()
                    + " and cannot take the provider payment " + paymentReference + ".");
        }
        if (paidAt.isAfter(order.expiresAt())) {
            throw new SettlementMismatchException("Order " + order.number() + " expired at " + order.expiresAt()
                    + ", before the provider payment " + paymentReference + " succeeded at " + paidAt + ".");
        }
        if (!confirmed.equals(order.total())) {
            throw new SettlementMismatchException("The provider confirmed " + confirmed.minorUnits() + " "
                    + confirmed.currency() + " for order " + order.number() + ", whose total is "
                    + order.total().minorUnits() + " " + order.total().currency() + ".");
        }
        settlement.paid(order, PaymentMethod.PROVIDER, paymentReference, paidAt, null);
        return true;
    }

    @Override
    @Transactional
    public void providerPaymentFailed(long orderId, String paymentReference, String reason) {
        store.lock(orderId).ifPresent((order) -> {
            if (order.status() == OrderStatus.AWAITING_PAYMENT && paymentReference.equals(order.paymentReference())) {
                store.providerPaymentFailed(orderId);
            }
            logger.info("Provider payment failed number={} reference={} reason={}", order.number(), paymentReference,
                    reason);
        });
    }
}
