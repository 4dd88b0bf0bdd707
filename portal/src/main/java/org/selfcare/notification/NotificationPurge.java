package org.selfcare.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes, every hour, the finished notifications and the delivery receipts older than
 * {@code selfcare.notification.retention}. Each row names a subscriber's phone number or e-mail address, and
 * most keep their text, so the outbox keeps them only as long as an operator needs them to answer a question
 * about a message. Rows go in batches, so no statement holds many row locks for long while the dispatcher works.
 */
@Component
@Profile("!command")
class NotificationPurge {

    /** Rows one statement deletes. */
    static final int BATCH_SIZE = 5_000;

    private static final Logger logger = LoggerFactory.getLogger(NotificationPurge.class);

    private final Outbox outbox;

    private final NotificationProperties properties;

    private final Clock clock;

    NotificationPurge(Outbox outbox, NotificationProperties properties, Clock clock) {
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void purge() {
        Instant cutoff = clock.instant().minus(properties.retention());
        try {
            long notifications = deleteAll(() -> outbox.deleteFinished(cutoff, BATCH_SIZE));
            long receipts = deleteAll(() -> outbox.deleteReceipts(cutoff, BATCH_SIZE));
            if (notifications + receipts > 0) {
                logger.info("Deleted {} notifications and {} delivery receipts older than {}", notifications, receipts,
                        properties.retention());
            }
        }
        catch (DataAccessException ex) {
            // The next run deletes what this one left.
            logger.warn("Deleting old notifications failed, retrying in the next run", ex);
        }
    }

    /** Runs {@code batch}, which returns how many rows it deleted, until a batch is not full. */
    private static long deleteAll(IntSupplier batch) {
        long deleted = 0;
        int last;
        do {
            last = batch.getAsInt();
            deleted += last;
        }
        while (last == BATCH_SIZE);
        return deleted;
    }
}
