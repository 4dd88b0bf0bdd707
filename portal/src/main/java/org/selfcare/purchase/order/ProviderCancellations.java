package org.selfcare.purchase.order;

import org.selfcare.purchase.PaymentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Cancels the provider payment of an order that ended unpaid, once the order's end has committed: the provider
 * is called outside the database transaction, and never for an order whose end was rolled back.
 */
@Component
class ProviderCancellations {

    private static final Logger logger = LoggerFactory.getLogger(ProviderCancellations.class);

    private final ObjectProvider<PaymentProvider> providers;

    ProviderCancellations(ObjectProvider<PaymentProvider> providers) {
        this.providers = providers;
    }

    void afterCommit(long orderId) {
        PaymentProvider provider = providers.getIfAvailable();
        if (provider == null) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

            @Override
            public void afterCommit() {
                try {
                    provider.cancel(orderId);
                }
                catch (RuntimeException ex) {
                    // The provider's payment then ends by itself; a late success is refused at settlement.
                    logger.warn("Cancelling the provider payment of order {} failed", orderId, ex);
                }
            }
        });
    }
}
