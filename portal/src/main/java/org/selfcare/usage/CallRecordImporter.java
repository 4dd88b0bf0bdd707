package org.selfcare.usage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.selfcare.account.Accounts;
import org.selfcare.account.CallCharge;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.integrity.RecordSeal;
import org.selfcare.integrity.RecordSealer;
import org.selfcare.integrity.Seal;
import org.selfcare.usage.cdr.CallLine;
import org.selfcare.usage.cdr.CdrLayout;
import org.selfcare.usage.cdr.CdrReadOptions;
import org.selfcare.usage.cdr.CdrReader;
import org.selfcare.usage.cdr.RejectedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a switch export: reads it as a stream, matches each call to the subscribers on either end, prices
 * answered outgoing calls, and stores records and charges chunk by chunk. Each chunk commits on its own, so a
 * failure keeps the chunks that committed before it, and a second import of the same file finds every record
 * already there and changes nothing.
 *
 * <p>Chunks are stored on {@link #WRITER_THREADS} connections at once. When two chunks in flight hold the same
 * record, PostgreSQL makes the second insert of its unique key wait for the first transaction and then skips the
 * row, so only the chunk that stored a record charges it. Each transaction takes its row locks in one global order
 * (records by key, then accounts by subscriber), so two chunks wait for each other instead of deadlocking.
 * NOTE: no test fails when the account lock is removed, because PostgreSQL happened to update the accounts in
 * subscriber order anyway.
 */
@Service
public class CallRecordImporter {

    static final int CHUNK_SIZE = 10_000;

    /**
     * Connections that store chunks at once. With one, the PostgreSQL backend used about 72% of one core while
     * the importer waited for it, and a second connection lets the database work on the next chunk meanwhile.
     * NOTE: on the 2-core benchmark machine, busy with other work, two connections were no faster than one (see
     * bench/README.md). The gain where the database has idle cores is not measured.
     */
    static final int WRITER_THREADS = 2;

    private static final Logger logger = LoggerFactory.getLogger(CallRecordImporter.class);

    private static final String INSERT_RECORDS = """
            INSERT INTO call_record (subscriber_id, record_key, direction, other_party, other_party_e164, started_at,
                                     duration_seconds, billable_seconds, answered, charge_minor, currency, import_id,
                                     source_line, seal, seal_key_id)
            SELECT DISTINCT ON (k, s) s, k, d, o, oe, t, du, b, a, c, ?, ?, l, se, sk
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::int[],
                        ?::boolean[], ?::bigint[], ?::bigint[], ?::text[], ?::text[])
                 AS r (s, k, d, o, oe, t, du, b, a, c, l, se, sk)
            ORDER BY k, s, a DESC, b DESC, l
            ON CONFLICT (record_key, subscriber_id, started_at) DO NOTHING
            RETURNING subscriber_id, record_key, started_at, charge_minor, source_line, other_party""";

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final SubscriberDirectory subscribers;

    private final Accounts accounts;

    private final Tariff tariff;

    private final RecordSealer sealer;

    private final int chunkSize;

    private final int writerThreads;

    @Autowired
    CallRecordImporter(JdbcTemplate jdbc, TransactionTemplate transactions, SubscriberDirectory subscribers,
            Accounts accounts, Tariff tariff, RecordSealer sealer) {
        this(jdbc, transactions, subscribers, accounts, tariff, sealer, CHUNK_SIZE, WRITER_THREADS);
    }

    CallRecordImporter(JdbcTemplate jdbc, TransactionTemplate transactions, SubscriberDirectory subscribers,
            Accounts accounts, Tariff tariff, RecordSealer sealer, int chunkSize, int writerThreads) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.tariff = tariff;
        this.sealer = sealer;
        this.chunkSize = chunkSize;
        this.writerThreads = writerThreads;
    }

    /**
     * Imports {@code file}, reporting each rejected record to {@code rejected} as it is found.
     *
     * @throws IOException when the file cannot be opened or read, or its layout cannot be detected
     */
    public ImportSummary importFile(Path file, ImportOptions options, Consumer<RejectedLine> rejected)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return importStream(in, file.getFileName().toString(), options, rejected);
        }
    }

    public ImportSummary importStream(InputStream in, String name, ImportOptions options,
            Consumer<RejectedLine> rejected) throws IOException {
        try (CdrReader reader = CdrReader.open(in,
                new CdrReadOptions(options.sourceZone(), options.earliestAccepted(), options.layout()))) {
            // An empty file has no layout to detect; it is recorded as an import that read nothing.
            String layoutName = (reader.layout() != null) ? reader.layout().name() : "NONE";
            Run run = new Run(startImport(name, layoutName), reader.layout(), options, rejected);
            logger.info("Importing call records importId={} file={} layout={}", run.importId, name, reader.layout());

            // Resources close in reverse order: the writers finish the chunks in flight before the reader stops.
            try (ChunkReader chunks = new ChunkReader(reader, options.region(), chunkSize);
                    ChunkWriters writers = new ChunkWriters(writerThreads, "cdr-chunk-writer")) {
                ChunkReader.Chunk chunk;
                while ((chunk = chunks.next()) != null) {
                    long rejectedBefore = run.rejected;
                    run.read += chunk.read();
                    chunk.rejected().forEach(run::reject);
                    // Matching and rejecting stay on this thread, so rejected lines are reported in file order.
                    List<RecordRow> rows = toRows(run, chunk.calls());
                    ensurePartitions(run, rows);
                    ChunkCounts counts = new ChunkCounts(chunk.read(), run.rejected - rejectedBefore);
                    writers.submit(() -> store(run, rows, counts));
                }
                writers.awaitAll();
            }
            ImportSummary summary = finish(run);
            logger.info("Imported call records importId={} read={} imported={} duplicates={} rejected={} charged={}",
                    summary.importId(), summary.read(), summary.imported(), summary.duplicates(), summary.rejected(),
                    summary.charged());
            return summary;
        }
    }

    /**
     * Stores one chunk's records and charges in one transaction, on a writer thread, and adds the chunk's counts
     * to {@code call_import}. Those counts are increments, so after an interruption they cover exactly the chunks
     * that committed.
     */
    private void store(Run run, List<RecordRow> rows, ChunkCounts counts) {
        if (rows.isEmpty() && counts.read() == 0) {
            return;
        }
        Set<Long> linesWithRows = new HashSet<>();
        rows.forEach((row) -> linesWithRows.add(row.line()));

        ChunkCounts stored = transactions.execute((status) -> {
            // The commit need not wait for the disk. A server crash before the flush loses this chunk as a whole,
            // and the unique keys on records and ledger entries make a second import store it exactly once.
            jdbc.execute("SET LOCAL synchronous_commit = off");
            List<StoredRecord> records = rows.isEmpty() ? List.of() : insert(run.importId, rows);
            List<CallCharge> charges = new ArrayList<>();
            Set<Long> importedLines = new HashSet<>();
            for (StoredRecord record : records) {
                importedLines.add(record.line());
                if (record.chargeMinor() > 0) {
                    charges.add(new CallCharge(record.subscriberId(), record.chargeMinor(), "call:" + record.key(),
                            "Call to " + record.otherParty(), record.startedAt()));
                }
            }
            lockAccounts(charges);
            int charged = accounts.postCallCharges(charges, tariff.currency());
            ChunkCounts result = counts.withStored(importedLines.size(),
                    linesWithRows.size() - importedLines.size(), charged);
            // The last statement, so the row lock on call_import that every chunk takes is held only until commit.
            jdbc.update("""
                    UPDATE call_import SET lines_read = lines_read + ?, imported = imported + ?,
                                           duplicates = duplicates + ?, rejected = rejected + ?
                    WHERE id = ?""", result.read(), result.imported(), result.duplicates(), result.rejected(),
                    run.importId);
            return result;
        });
        run.add(stored);
    }

    /**
     * Locks the accounts about to be charged in the order of their subscriber ids. Posting the charges updates
     * them in whatever order its join yields, so without this two chunks charging the same subscribers could each
     * hold an account that the other waits for.
     */
    private void lockAccounts(List<CallCharge> charges) {
        if (charges.isEmpty()) {
            return;
        }
        Long[] ids = charges.stream().map(CallCharge::subscriberId).distinct().sorted().toArray(Long[]::new);
        jdbc.execute((ConnectionCallback<Void>) (Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT subscriber_id FROM account WHERE subscriber_id = ANY(?)
                    ORDER BY subscriber_id FOR NO KEY UPDATE""")) {
                statement.setArray(1, connection.createArrayOf("bigint", ids));
                statement.executeQuery().close();
            }
            return null;
        });
    }

    /**
     * Turns calls into the rows to store: an outgoing record for a caller who is a subscriber, an incoming record
     * for a called party who is one. A call between two subscribers gives both.
     */
    private List<RecordRow> toRows(Run run, List<ChunkReader.NormalisedCall> chunk) {
        Set<String> numbers = new HashSet<>();
        for (ChunkReader.NormalisedCall call : chunk) {
            Optional.ofNullable(call.callingE164()).ifPresent(numbers::add);
            Optional.ofNullable(call.calledE164()).ifPresent(numbers::add);
        }
        Map<String, Long> ids = subscribers.idsByE164(numbers);

        List<RecordRow> rows = new ArrayList<>(chunk.size());
        for (ChunkReader.NormalisedCall normalised : chunk) {
            CallLine call = normalised.call();
            String calling = normalised.callingE164();
            String called = normalised.calledE164();
            Long caller = (calling == null) ? null : ids.get(calling);
            Long callee = (called == null) ? null : ids.get(called);
            if (caller == null && callee == null) {
                run.reject(new RejectedLine(call.lineNumber(), "neither the calling number \"" + call.callingNumber()
                        + "\" nor the called number \"" + call.calledNumber() + "\" belongs to a subscriber"));
                continue;
            }
            if (caller != null) {
                String destination = (called != null) ? called : call.calledNumber();
                long charge = call.answered() ? tariff.price(destination, call.billableSeconds()) : 0;
                rows.add(new RecordRow(caller, call, "OUTGOING", call.calledNumber(), called, charge));
            }
            if (callee != null) {
                rows.add(new RecordRow(callee, call, "INCOMING", call.callingNumber(), calling, 0));
            }
        }
        return rows;
    }

    private void ensurePartitions(Run run, List<RecordRow> rows) {
        for (RecordRow row : rows) {
            YearMonth month = YearMonth.from(row.call().startedAt().atOffset(ZoneOffset.UTC));
            if (run.partitions.add(month)) {
                jdbc.query("SELECT ensure_call_record_partition(?)", (ResultSet resultSet) -> {
                }, Timestamp.from(row.call().startedAt()));
            }
        }
    }

    private List<StoredRecord> insert(long importId, List<RecordRow> rows) {
        int size = rows.size();
        Long[] subscriberIds = new Long[size];
        String[] keys = new String[size];
        String[] directions = new String[size];
        String[] others = new String[size];
        String[] othersE164 = new String[size];
        Timestamp[] starts = new Timestamp[size];
        Integer[] durations = new Integer[size];
        Integer[] billables = new Integer[size];
        Boolean[] answered = new Boolean[size];
        Long[] charges = new Long[size];
        Long[] lines = new Long[size];
        String[] seals = new String[size];
        String[] sealKeyIds = new String[size];
        String currency = tariff.currency().getCurrencyCode();
        for (int i = 0; i < size; i++) {
            RecordRow row = rows.get(i);
            Instant startedAt = RecordSeal.truncate(row.call().startedAt());
            subscriberIds[i] = row.subscriberId();
            keys[i] = row.call().recordKey();
            directions[i] = row.direction();
            others[i] = row.otherParty();
            othersE164[i] = row.otherPartyE164();
            starts[i] = Timestamp.from(startedAt);
            durations[i] = row.call().durationSeconds();
            billables[i] = row.call().billableSeconds();
            answered[i] = row.call().answered();
            charges[i] = row.chargeMinor();
            lines[i] = row.line();
            Seal seal = sealer.seal(RecordSeal.callRecord(row.subscriberId(), keys[i], directions[i], others[i],
                    othersE164[i], startedAt, durations[i], billables[i], answered[i], charges[i], currency));
            seals[i] = seal.value();
            sealKeyIds[i] = seal.keyId();
        }

        return jdbc.execute((ConnectionCallback<List<StoredRecord>>) (Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_RECORDS)) {
                statement.setString(1, currency);
                statement.setLong(2, importId);
                Object[][] columns = { subscriberIds, keys, directions, others, othersE164, starts, durations,
                        billables, answered, charges, lines, seals, sealKeyIds };
                String[] types = { "bigint", "text", "text", "text", "text", "timestamptz", "int4", "int4", "bool",
                        "bigint", "bigint", "text", "text" };
                for (int column = 0; column < columns.length; column++) {
                    Array array = connection.createArrayOf(types[column], columns[column]);
                    statement.setArray(column + 3, array);
                }

                List<StoredRecord> stored = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        stored.add(new StoredRecord(result.getLong(1), result.getString(2),
                                result.getTimestamp(3).toInstant(), result.getLong(4), result.getLong(5),
                                result.getString(6)));
                    }
                }
                return stored;
            }
        });
    }

    private long startImport(String name, String layout) {
        return jdbc.queryForObject("INSERT INTO call_import (file_name, layout) VALUES (?, ?) RETURNING id",
                Long.class, name, layout);
    }

    private ImportSummary finish(Run run) {
        ImportSummary summary = run.summary();
        jdbc.update("""
                UPDATE call_import SET lines_read = ?, imported = ?, duplicates = ?, rejected = ?, finished_at = now()
                WHERE id = ?""", summary.read(), summary.imported(), summary.duplicates(), summary.rejected(),
                summary.importId());
        return summary;
    }

    /**
     * The counters and caches of one import. Only the reading thread changes {@code read}, {@code rejected} and
     * {@code partitions}, and the writer threads add what they stored through {@link #add}.
     */
    private static final class Run {

        private final long importId;

        private final CdrLayout layout;

        private final ImportOptions options;

        private final Consumer<RejectedLine> rejectedListener;

        private final Set<YearMonth> partitions = new HashSet<>();

        private long read;

        private long imported;

        private long duplicates;

        private long rejected;

        private long charged;

        private Run(long importId, CdrLayout layout, ImportOptions options, Consumer<RejectedLine> rejectedListener) {
            this.importId = importId;
            this.layout = layout;
            this.options = options;
            this.rejectedListener = rejectedListener;
        }

        private void reject(RejectedLine line) {
            rejected++;
            rejectedListener.accept(line);
        }

        private synchronized void add(ChunkCounts stored) {
            imported += stored.imported();
            duplicates += stored.duplicates();
            charged += stored.charged();
        }

        private synchronized ImportSummary summary() {
            return new ImportSummary(importId, layout, read, imported, duplicates, rejected, charged);
        }
    }

    /**
     * Counts of one chunk: lines read and rejected on the reading thread, then lines imported, duplicates and new
     * charges from its writer thread.
     */
    private record ChunkCounts(long read, long rejected, long imported, long duplicates, long charged) {

        ChunkCounts(long read, long rejected) {
            this(read, rejected, 0, 0, 0);
        }

        ChunkCounts withStored(long imported, long duplicates, long charged) {
            return new ChunkCounts(read, rejected, imported, duplicates, charged);
        }
    }

    private record RecordRow(long subscriberId, CallLine call, String direction, String otherParty,
            String otherPartyE164, long chargeMinor) {

        long line() {
            return call.lineNumber();
        }
    }

    private record StoredRecord(long subscriberId, String key, Instant startedAt, long chargeMinor, long line,
            String otherParty) {
    }
}
