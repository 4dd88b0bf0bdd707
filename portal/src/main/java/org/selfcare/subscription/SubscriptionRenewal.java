package org.selfcare.subscription;

import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Renews and expires subscriptions whose paid period ended, every {@code selfcare.subscription.renewal-interval}
 * while the portal runs. Each batch locks its rows with {@code FOR UPDATE SKIP LOCKED}, so nodes that run the job
 * at the same time share the work, and a row that was renewed or expired no longer qualifies, so a second run
 * changes nothing.
 */
@Component
@Profile("!command")
class SubscriptionRenewal {

    private static final Logger logger = LoggerFactory.getLogger(SubscriptionRenewal.class);

    private final Subscriptions subscriptions;

    SubscriptionRenewal(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Scheduled(fixedDelayString = "${selfcare.subscription.renewal-interval:1m}",
            initialDelayString = "${selfcare.subscription.renewal-interval:1m}")
    void run() {
        try {
            runOnce();
        }
        catch (DataAccessException ex) {
            logger.warn("Renewing subscriptions failed, retrying in the next run", ex);
        }
    }

    /**
     * Works through every subscription that is due now, a batch per transaction.
     */
    void runOnce() {
        Set<Long> skipped = new HashSet<>();
        while (subscriptions.renewDue(skipped) == Subscriptions.RENEWAL_BATCH) {
            logger.debug("More subscriptions to renew or expire");
        }
        if (!skipped.isEmpty()) {
            logger.warn("Left {} subscriptions whose seal failed unrenewed ids={}", skipped.size(), skipped);
        }
    }
}
