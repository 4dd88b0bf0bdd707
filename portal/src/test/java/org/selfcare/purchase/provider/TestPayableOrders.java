package org.selfcare.purchase.provider;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.selfcare.account.Money;
import org.selfcare.purchase.PayableOrder;
import org.selfcare.purchase.PayableOrders;
import org.selfcare.purchase.SettlementMismatchException;

/**
 * A small {@link PayableOrders} for the provider's tests: orders added by the test, settlements and failures kept
 * in memory. It checks the confirmed amount as the contract requires, so a test can see a mismatch refused.
 */
final class TestPayableOrders implements PayableOrders {

    /** One settlement the provider asked for. */
    record Settlement(long orderId, String paymentReference, Money confirmed, Instant paidAt) {
    }

    private final Map<Long, PayableOrder> open = new ConcurrentHashMap<>();

    private final Map<Long, Settlement> settled = new ConcurrentHashMap<>();

    private final List<String> failures = new CopyOnWriteArrayList<>();

    void add(PayableOrder order) {
        open.put(order.orderId(), order);
    }

    /** Makes the order unpayable, as an expired or cancelled order is. */
    void close(long orderId) {
        open.remove(orderId);
    }

    Optional<Settlement> settlement(long orderId) {
        return Optional.ofNullable(settled.get(orderId));
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public Optional<PayableOrder> payable(long subscriberId, String number) {
        return open.values().stream()
                .filter((order) -> order.subscriberId() == subscriberId && order.number().equals(number))
                .findFirst();
    }

    @Override
    public boolean settleByProvider(long orderId, String paymentReference, Money confirmed, Instant paidAt) {
        if (settled.containsKey(orderId)) {
            return false;
        }
        PayableOrder order = open.get(orderId);
        if (order == null) {
            throw new SettlementMismatchException("Order " + orderId + " can no longer be paid");
        }
        if (!order.total().equals(confirmed)) {
            throw new SettlementMismatchException("Order " + orderId + " totals " + order.total() + ", not "
                    + confirmed);
        }
        settled.put(orderId, new Settlement(orderId, paymentReference, confirmed, paidAt));
        open.remove(orderId);
        return true;
    }

    @Override
    public void providerPaymentFailed(long orderId, String paymentReference, String reason) {
        failures.add(orderId + " " + paymentReference + " " + reason);
    }
}
