package org.selfcare.integrity;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired nonces on a schedule ({@code selfcare.integrity.nonce-cleanup-interval}), so the table holds
 * only the nonces of the last two request windows.
 */
@Component
class ExpiredNonceCleanup {

    private static final Logger logger = LoggerFactory.getLogger(ExpiredNonceCleanup.class);

    private final NonceStore nonces;

    private final Clock clock;

    ExpiredNonceCleanup(NonceStore nonces, Clock clock) {
        this.nonces = nonces;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${selfcare.integrity.nonce-cleanup-interval:PT5M}",
            initialDelayString = "${selfcare.integrity.nonce-cleanup-interval:PT5M}")
    void deleteExpired() {
        try {
            int deleted = nonces.deleteExpired(clock.instant());
            logger.debug("Deleted {} expired request nonces", deleted);
        }
        catch (DataAccessException ex) {
            // The next run tries again; until then the table only keeps a few more rows.
            logger.warn("Deleting expired request nonces failed, retrying in the next run", ex);
        }
    }
}
