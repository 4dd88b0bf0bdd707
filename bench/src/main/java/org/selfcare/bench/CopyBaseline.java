package org.selfcare.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Reads the import rate from the portal's own {@code call_import} row, then times {@code COPY} of the same
 * records into {@code bench_call_record}: a table with the columns, constraints, indexes and monthly
 * partitions of {@code call_record}, seal columns included. COPY is the baseline because it is PostgreSQL's fastest way to load rows.
 *
 * <p>The records are exported from {@code call_record} before the timer starts, so COPY loads exactly the rows
 * the importer stored, in the order it stored them. The table is dropped afterwards so it takes no cache from
 * the latency benchmark.
 *
 * <p>Usage: {@code CopyBaseline DATA_DIR DB_PORT EXPORT_FILE RESULTS_FILE}
 */
public final class CopyBaseline {

    private static final String COLUMNS = "subscriber_id, record_key, direction, other_party, other_party_e164, "
            + "started_at, duration_seconds, billable_seconds, answered, charge_minor, currency, import_id, source_line, "
            + "seal, seal_key_id";

    private CopyBaseline() {
    }

    public static void main(String[] args) throws Exception {
        BenchDatabase database = new BenchDatabase(Path.of(args[0]), Integer.parseInt(args[1]));
        Path export = Path.of(args[2]);
        Path results = Path.of(args[3]);

        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            recordImportRate(statement, results);

            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(export), 1 << 20)) {
                copy.copyOut("COPY (SELECT " + COLUMNS + " FROM call_record) TO STDOUT", out);
            }
            createTable(statement);

            long started = System.nanoTime();
            long copied;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(export), 1 << 20)) {
                copied = copy.copyIn("COPY bench_call_record (" + COLUMNS + ") FROM STDIN", in);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Results.append(results, "copy.rows", copied);
            Results.append(results, "copy.seconds", String.format("%.2f", seconds));
            Results.append(results, "copy.rows_per_second", Math.round(copied / seconds));

            statement.execute("DROP TABLE bench_call_record");
            statement.execute("ANALYZE call_record");
        }
        Files.delete(export);
    }

    /**
     * Stores the importer's rate in stored records per second. The portal itself times the import, from creating
     * its {@code call_import} row to finishing it, so the JVM and Spring start of the importing process is left out.
     */
    private static void recordImportRate(Statement statement, Path results) throws Exception {
        try (ResultSet row = statement.executeQuery("""
                SELECT lines_read, imported, duplicates, rejected,
                       extract(epoch FROM finished_at - started_at)::float8,
                       (SELECT count(*) FROM call_record), (SELECT count(*) FROM ledger_entry)
                FROM call_import ORDER BY id DESC LIMIT 1""")) {
            if (!row.next()) {
                throw new IllegalStateException("No call_import row found: the import did not run");
            }
            long storedRecords = row.getLong(6);
            double seconds = row.getDouble(5);
            Results.append(results, "import.lines_read", row.getLong(1));
            Results.append(results, "import.lines_imported", row.getLong(2));
            Results.append(results, "import.duplicates", row.getLong(3));
            Results.append(results, "import.rejected", row.getLong(4));
            Results.append(results, "import.rows", storedRecords);
            Results.append(results, "import.ledger_entries", row.getLong(7));
            Results.append(results, "import.seconds", String.format("%.2f", seconds));
            Results.append(results, "import.rows_per_second", Math.round(storedRecords / seconds));
        }
    }

    /**
     * Creates {@code bench_call_record} like the Flyway migration creates {@code call_record}, with one partition
     * for each partition the importer created.
     */
    private static void createTable(Statement statement) throws Exception {
        statement.execute("DROP TABLE IF EXISTS bench_call_record");
        statement.execute("""
                CREATE TABLE bench_call_record (
                    id               bigint GENERATED ALWAYS AS IDENTITY,
                    subscriber_id    bigint      NOT NULL,
                    record_key       text        NOT NULL,
                    direction        text        NOT NULL CHECK (direction IN ('OUTGOING', 'INCOMING')),
                    other_party      text        NOT NULL,
                    other_party_e164 text,
                    started_at       timestamptz NOT NULL,
                    duration_seconds integer     NOT NULL CHECK (duration_seconds >= 0),
                    billable_seconds integer     NOT NULL CHECK (billable_seconds >= 0),
                    answered         boolean     NOT NULL,
                    charge_minor     bigint      NOT NULL CHECK (charge_minor >= 0),
                    currency         char(3)     NOT NULL,
                    import_id        bigint      NOT NULL,
                    source_line      bigint      NOT NULL,
                    seal             text,
                    seal_key_id      text,
                    PRIMARY KEY (subscriber_id, started_at, id),
                    UNIQUE (record_key, subscriber_id, started_at)
                ) PARTITION BY RANGE (started_at)""");

        List<String[]> partitions = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("""
                SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'call_record'::regclass""")) {
            while (rows.next()) {
                partitions.add(new String[] { rows.getString(1), rows.getString(2) });
            }
        }
        for (String[] partition : partitions) {
            statement.execute("CREATE TABLE bench_" + partition[0] + " PARTITION OF bench_call_record " + partition[1]);
        }
    }
}
