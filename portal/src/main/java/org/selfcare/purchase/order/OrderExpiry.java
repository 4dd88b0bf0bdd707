package org.selfcare.purchase.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires unpaid orders after {@code selfcare.purchase.order-lifetime}, giving their stock back, and deletes
 * idempotency keys older than {@code selfcare.purchase.idempotency-key-retention}. Runs every
 * {@code selfcare.purchase.expiry-interval} while the portal runs.
 */
@Component
@Profile("!command")
class OrderExpiry {

    private static final Logger logger = LoggerFactory.getLogger(OrderExpiry.class);

    private final Orders orders;

    private final IdempotentRequests idempotentRequests;

    OrderExpiry(Orders orders, IdempotentRequests idempotentRequests) {
        this.orders = orders;
        this.idempotentRequests = idempotentRequests;
    }

    @Scheduled(fixedDelayString = "${selfcare.purchase.expiry-interval:1m}",
            initialDelayString = "${selfcare.purchase.expiry-interval:1m}")
    void run() {
        try {
            while (orders.expireDue() == Orders.EXPIRY_BATCH) {
                logger.debug("More unpaid orders to expire");
            }
            idempotentRequests.forgetOld();
        }
        catch (DataAccessException ex) {
            logger.warn("Expiring unpaid orders failed, retrying in the next run", ex);
        }
    }
}
