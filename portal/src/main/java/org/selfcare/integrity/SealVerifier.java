package org.selfcare.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-verifies the seal of every row of every sealed table and checks every balance against its ledger. It
 * reads each table through a cursor a batch at a time in one read-only transaction, so the counts describe one
 * snapshot.
 */
@Component
class SealVerifier {

    static final int BATCH_SIZE = 1_000;

    /** The name under which balances that differ from their ledger are reported, with the subscriber id. */
    static final String ACCOUNT = "account";

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final RecordSealer sealer;

    SealVerifier(JdbcTemplate jdbc, TransactionTemplate transactions, RecordSealer sealer) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.sealer = sealer;
    }

    /**
     * Verifies every seal and every balance, and reports each broken row to {@code broken} with its table name
     * and id as it is found. A NULL seal is broken, and so is an account whose balance differs from its ledger.
     *
     * @return the rows checked and the rows broken per table name, in the order checked
     */
    Map<String, Counts> verifyAll(BiConsumer<String, Long> broken) {
        Map<String, Counts> counts = new LinkedHashMap<>();
        transactions.executeWithoutResult((status) -> {
            jdbc.execute("SET TRANSACTION READ ONLY ISOLATION LEVEL REPEATABLE READ");
            for (SealedTable table : SealedTable.values()) {
                counts.put(table.tableName(),
                        jdbc.execute((ConnectionCallback<Counts>) (connection) -> verify(connection, table, broken)));
            }
            counts.put(ACCOUNT, verifyBalances(broken));
        });
        return counts;
    }

    /**
     * Compares each account's balance with the sum of its ledger entries, as the balance page does. The account
     * row carries no seal of its own, so this is what shows an edited balance.
     */
    private Counts verifyBalances(BiConsumer<String, Long> broken) {
        long checked = jdbc.queryForObject("SELECT count(*) FROM account", Long.class);
        List<Long> differing = jdbc.queryForList("""
                SELECT a.subscriber_id FROM account a
                LEFT JOIN (SELECT subscriber_id, sum(amount_minor) AS total FROM ledger_entry GROUP BY subscriber_id) l
                       ON l.subscriber_id = a.subscriber_id
                WHERE a.balance_minor <> coalesce(l.total, 0)
                ORDER BY a.subscriber_id""", Long.class);
        differing.forEach((subscriberId) -> broken.accept(ACCOUNT, subscriberId));
        return new Counts(checked, differing.size());
    }

    private Counts verify(Connection connection, SealedTable table, BiConsumer<String, Long> broken)
            throws SQLException {
        long checked = 0;
        long failed = 0;
        try (PreparedStatement select = connection.prepareStatement(table.select())) {
            select.setFetchSize(BATCH_SIZE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    checked++;
                    if (!sealer.verifies(table.encode(rows), rows.getString("seal"), rows.getString("seal_key_id"))) {
                        failed++;
                        broken.accept(table.tableName(), rows.getLong("id"));
                    }
                }
            }
        }
        return new Counts(checked, failed);
    }

    record Counts(long checked, long broken) {
    }
}
