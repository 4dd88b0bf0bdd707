package org.selfcare.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the rows that were written before records were sealed, once. SQL cannot compute an HMAC, so the
 * migration that added the seal columns leaves them NULL and marks the job as pending in {@code seal_backfill}.
 * This job seals every row whose seal is NULL and then marks the job done. From then on a NULL seal counts as
 * broken, and the job never runs again, so a seal that is deleted later is never replaced by a fresh one.
 *
 * <p>It runs when the application context has created its beans, before the web server accepts requests, and
 * holds the row lock of {@code seal_backfill} for the whole run, so a second node that starts at the same time
 * waits and then finds the job done.
 */
@Component
class SealBackfill implements SmartInitializingSingleton {

    static final int BATCH_SIZE = 1_000;

    private static final long PROGRESS_INTERVAL = 100_000;

    private static final Logger logger = LoggerFactory.getLogger(SealBackfill.class);

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final RecordSealer sealer;

    SealBackfill(JdbcTemplate jdbc, TransactionTemplate transactions, RecordSealer sealer) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.sealer = sealer;
    }

    @Override
    public void afterSingletonsInstantiated() {
        transactions.executeWithoutResult((status) -> {
            Boolean pending = jdbc.queryForObject("SELECT sealed_at IS NULL FROM seal_backfill FOR UPDATE",
                    Boolean.class);
            if (!Boolean.TRUE.equals(pending)) {
                return;
            }
            logger.info("Sealing the records written before records were sealed");
            for (SealedTable table : SealedTable.values()) {
                long sealed = jdbc.execute((ConnectionCallback<Long>) (connection) -> sealTable(connection, table));
                logger.info("Sealed records written before sealing table={} rows={}", table.tableName(), sealed);
            }
            jdbc.update("UPDATE seal_backfill SET sealed_at = now()");
        });
    }

    private long sealTable(Connection connection, SealedTable table) throws SQLException {
        long sealed = 0;
        try (PreparedStatement select = connection.prepareStatement(table.select() + " WHERE seal IS NULL");
                PreparedStatement update = connection.prepareStatement(table.sealUnsealed())) {
            // Inside a transaction the driver reads the rows through a cursor, a batch at a time.
            select.setFetchSize(BATCH_SIZE);
            try (ResultSet rows = select.executeQuery()) {
                int pending = 0;
                while (rows.next()) {
                    Seal seal = sealer.seal(table.encode(rows));
                    update.setString(1, seal.value());
                    update.setString(2, seal.keyId());
                    table.bindKey(update, rows, 3);
                    update.addBatch();
                    pending++;
                    sealed++;
                    if (pending == BATCH_SIZE) {
                        update.executeBatch();
                        pending = 0;
                    }
                    if (sealed % PROGRESS_INTERVAL == 0) {
                        logger.info("Sealing records written before sealing table={} rowsSoFar={}", table.tableName(),
                                sealed);
                    }
                }
                if (pending > 0) {
                    update.executeBatch();
                }
            }
        }
        return sealed;
    }
}
