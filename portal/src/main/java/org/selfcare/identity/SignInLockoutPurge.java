package org.selfcare.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes, every hour, the sign-in lockout rows of identifiers idle for 25 hours. Failed sign-ins with unknown
 * numbers and random text create rows too, so without this the table would grow with every scan of the sign-in
 * page.
 */
@Component
class SignInLockoutPurge {

    /** Longer than the longest lock the lockout settings allow, so no row that still counts is deleted. */
    static final Duration IDLE = Duration.ofHours(25);

    private static final Logger logger = LoggerFactory.getLogger(SignInLockoutPurge.class);

    private final SignInLockouts lockouts;

    private final Clock clock;

    SignInLockoutPurge(SignInLockouts lockouts, Clock clock) {
        this.lockouts = lockouts;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void purge() {
        Instant now = clock.instant();
        try {
            int deleted = lockouts.purgeIdle(now.minus(IDLE), now);
            logger.debug("Deleted {} idle sign-in lockout rows", deleted);
        }
        catch (DataAccessException ex) {
            // The next run tries again; until then the table keeps a few more rows.
            logger.warn("Deleting idle sign-in lockout rows failed, retrying in the next run", ex);
        }
    }
}
