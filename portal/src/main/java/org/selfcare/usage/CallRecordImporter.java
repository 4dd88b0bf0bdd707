package org.selfcare.usage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.selfcare.account.Accounts;
import org.selfcare.account.CallCharge;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.integrity.RecordSeal;
import org.selfcare.integrity.RecordSealer;
import org.selfcare.integrity.Seal;
import org.selfcare.platform.BinaryCopy;
import org.selfcare.usage.cdr.CallLine;
import org.selfcare.usage.cdr.CdrLayout;
import org.selfcare.usage.cdr.CdrReadOptions;
import org.selfcare.usage.cdr.CdrReader;
import org.selfcare.usage.cdr.RejectedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
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
 * <p>A chunk's records and charges are first stored with COPY, which fails when any of them was stored before.
 * The chunk then falls back to inserts that skip what is stored, so a rerun pays for the checks and a first import
 * does not. Rows of one record in a chunk are reduced to one before that (see {@link #PREFERRED_FIRST}).
 *
 * <p>Chunks are stored on {@link #WRITER_THREADS} connections at once. A chunk that contains a record of a chunk
 * that may still be in flight waits until the writers are idle, so two writers of one import never insert the same
 * key. That happens when a switch writes the lines of one call across a chunk boundary. Both writers charge
 * mostly the same subscribers, so each transaction locks the accounts it charges in subscriber order as its last
 * work before the commit: the other writer waits for those locks only briefly, and never in a deadlock.
 * NOTE: no test fails when the account lock is removed, because PostgreSQL happened to update the accounts in
 * subscriber order anyway.
 *
 * <p>Imports in other threads or processes wait for this one to end ({@link ImportLock}), because the copies of
 * two imports of overlapping files could wait for each other's uncommitted rows.
 */
@Service
public class CallRecordImporter {

    /**
     * Lines per chunk. Each chunk updates every account it charges once, so larger chunks update the accounts
     * less often: 20,000 lines took about 3% less time than 10,000 in one pair of 3,000,000-line benchmark runs.
     */
    static final int CHUNK_SIZE = 20_000;

    /**
     * Connections that store chunks at once, so that the database works on one chunk while the importer seals the
     * next. On the idle 2-core benchmark machine a third connection was no faster (see bench/README.md).
     */
    static final int WRITER_THREADS = 2;

    /** Numbers whose subscriber an import remembers, as many as the reader keeps normalised forms for. */
    static final int SUBSCRIBER_CACHE_SIZE = ChunkReader.NUMBER_CACHE_SIZE;

    private static final Logger logger = LoggerFactory.getLogger(CallRecordImporter.class);

    private static final String[] RECORD_COLUMNS = { "subscriber_id", "record_key", "direction", "other_party",
        "other_party_e164", "started_at", "duration_seconds", "billable_seconds", "answered", "charge_minor",
        "currency", "import_id", "source_line", "seal", "seal_key_id" };

    /** Stores the rows not stored before, in the order given, and names them. */
    private static final String INSERT_RECORDS_SKIPPING_STORED = """
            INSERT INTO call_record (subscriber_id, record_key, direction, other_party, other_party_e164, started_at,
                                     duration_seconds, billable_seconds, answered, charge_minor, currency, import_id,
                                     source_line, seal, seal_key_id)
            SELECT s, k, d, o, oe, t, du, b, a, c, ?, ?, l, se, sk
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::int[],
                        ?::boolean[], ?::bigint[], ?::bigint[], ?::text[], ?::text[])
                 AS r (s, k, d, o, oe, t, du, b, a, c, l, se, sk)
            ON CONFLICT (record_key, subscriber_id, started_at) DO NOTHING
            RETURNING subscriber_id, record_key""";

    /** The order in which the inserts that skip stored records take their locks: by record key, then subscriber. */
    private static final Comparator<RecordRow> KEY_ORDER = Comparator.comparing(RecordRow::key)
            .thenComparingLong(RecordRow::subscriberId);

    /**
     * Puts the row to keep first among rows of the same record: the answered one, then the longer one, then the
     * one from the earlier line, then the outgoing one, which is the row that carries the charge when a
     * subscriber calls their own number.
     */
    private static final Comparator<RecordRow> PREFERRED_FIRST = Comparator
            .comparing((RecordRow row) -> !row.call().answered())
            .thenComparingInt((RecordRow row) -> -row.call().billableSeconds())
            .thenComparingLong(RecordRow::line)
            .thenComparing((RecordRow row) -> !"OUTGOING".equals(row.direction()));

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
                new CdrReadOptions(options.sourceZone(), options.earliestAccepted(), options.layout()));
                ImportLock lock = ImportLock.acquire(jdbc.getDataSource(), name)) {
            // An empty file has no layout to detect; it is recorded as an import that read nothing.
            String layoutName = (reader.layout() != null) ? reader.layout().name() : "NONE";
            Run run = new Run(startImport(name, layoutName), reader.layout(), options, rejected,
                    new SubscriberIdCache(subscribers, SUBSCRIBER_CACHE_SIZE));
            logger.info("Importing call records importId={} file={} layout={}", run.importId, name, reader.layout());

            // Resources close in reverse order: the writers finish the chunks in flight before the reader stops.
            RecentRecords recent = new RecentRecords(writerThreads);
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
                    ChunkCounts counts = new ChunkCounts(chunk.read(), run.rejected - rejectedBefore,
                            linesOf(rows));
                    UniqueRows unique = oncePerRecord(rows);
                    if (recent.sharesRecordWith(unique.ids())) {
                        // The copy that stores new records would wait for the other writer's uncommitted row of
                        // the same record, and could deadlock with it.
                        writers.awaitAll();
                    }
                    writers.submit(() -> store(run, unique.rows(), counts));
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

        ChunkCounts stored = transactions.execute((status) -> {
            // The commit need not wait for the disk. A server crash before the flush loses this chunk as a whole,
            // and the unique keys on records and ledger entries make a second import store it exactly once.
            jdbc.execute("SET LOCAL synchronous_commit = off");
            Object savepoint = status.createSavepoint();
            List<RecordRow> storedRows;
            int charged;
            try {
                copyNew(run.importId, rows);
                storedRows = rows;
                charged = accounts.postNewCallCharges(charges(storedRows), tariff.currency());
                status.releaseSavepoint(savepoint);
            }
            catch (DuplicateKeyException ex) {
                // Some of these records or charges were stored before, by an earlier import of the same calls, so
                // only the rest are stored.
                status.rollbackToSavepoint(savepoint);
                storedRows = insertSkippingStored(run.importId, rows);
                charged = accounts.postCallCharges(charges(storedRows), tariff.currency());
            }
            int importedLines = linesOf(storedRows);
            ChunkCounts result = counts.withStored(importedLines, counts.linesWithRows() - importedLines, charged);
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

    private List<CallCharge> charges(List<RecordRow> rows) {
        List<CallCharge> charges = new ArrayList<>();
        for (RecordRow row : rows) {
            if (row.chargeMinor() > 0) {
                charges.add(new CallCharge(row.subscriberId(), row.chargeMinor(), "call:" + row.key(),
                        "Call to " + row.otherParty(), row.call().startedAt()));
            }
        }
        return charges;
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
        Map<String, Long> ids = run.subscriberIds.idsByE164(numbers);

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

    /**
     * Keeps one row per record and subscriber, the one {@link #PREFERRED_FIRST} puts first, in the order of
     * {@code rows}. Most exports have no such duplicates, so the rows are only hashed, not sorted.
     */
    private static UniqueRows oncePerRecord(List<RecordRow> rows) {
        Map<RecordId, RecordRow> preferred = new HashMap<>(rows.size() * 2);
        for (RecordRow row : rows) {
            preferred.merge(row.id(), row, (kept, other) -> (PREFERRED_FIRST.compare(other, kept) < 0) ? other : kept);
        }
        if (preferred.size() == rows.size()) {
            return new UniqueRows(rows, preferred.keySet());
        }
        List<RecordRow> unique = new ArrayList<>(preferred.size());
        for (RecordRow row : rows) {
            if (preferred.get(row.id()) == row) {
                unique.add(row);
            }
        }
        return new UniqueRows(unique, preferred.keySet());
    }

    /** Counts the lines that {@code rows} come from, for rows in the order of their lines. */
    private static int linesOf(List<RecordRow> rows) {
        int lines = 0;
        long previous = -1;
        for (RecordRow row : rows) {
            if (row.line() != previous) {
                lines++;
                previous = row.line();
            }
        }
        return lines;
    }

    /** Inserts the rows not stored before and returns them, in the order of {@code rows}. */
    private List<RecordRow> insertSkippingStored(long importId, List<RecordRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<RecordRow> sorted = new ArrayList<>(rows);
        sorted.sort(KEY_ORDER);
        Set<RecordId> stored = new HashSet<>();
        insert(importId, sorted, (result) -> {
            while (result.next()) {
                stored.add(new RecordId(result.getLong(1), result.getString(2)));
            }
        });
        return rows.stream().filter((row) -> stored.contains(row.id())).toList();
    }

    /**
     * Stores rows that the caller expects to be new with COPY, which costs the database little more than the
     * rows themselves.
     *
     * @throws DuplicateKeyException when one of the records was stored before; none of them is stored then
     */
    private void copyNew(long importId, List<RecordRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String currency = tariff.currency().getCurrencyCode();
        jdbc.execute((ConnectionCallback<Void>) (Connection connection) -> {
            try (BinaryCopy copy = BinaryCopy.into(connection, "call_record", RECORD_COLUMNS)) {
                for (RecordRow row : rows) {
                    Instant startedAt = RecordSeal.truncate(row.call().startedAt());
                    Seal seal = sealer.seal(RecordSeal.callRecord(row.subscriberId(), row.key(), row.direction(),
                            row.otherParty(), row.otherPartyE164(), startedAt, row.call().durationSeconds(),
                            row.call().billableSeconds(), row.call().answered(), row.chargeMinor(), currency));
                    copy.row()
                            .int8(row.subscriberId())
                            .text(row.key())
                            .text(row.direction())
                            .text(row.otherParty())
                            .text(row.otherPartyE164())
                            .timestamp(startedAt)
                            .int4(row.call().durationSeconds())
                            .int4(row.call().billableSeconds())
                            .bool(row.call().answered())
                            .int8(row.chargeMinor())
                            .text(currency)
                            .int8(importId)
                            .int8(row.line())
                            .text(seal.value())
                            .text(seal.keyId());
                }
                copy.finish();
            }
            return null;
        });
    }

    private void insert(long importId, List<RecordRow> rows, ResultSetReader returned) {
        int size = rows.size();
        long[] subscriberIds = new long[size];
        String[] keys = new String[size];
        String[] directions = new String[size];
        String[] others = new String[size];
        String[] othersE164 = new String[size];
        Timestamp[] starts = new Timestamp[size];
        int[] durations = new int[size];
        int[] billables = new int[size];
        boolean[] answered = new boolean[size];
        long[] charges = new long[size];
        long[] lines = new long[size];
        String[] seals = new String[size];
        String[] sealKeyIds = new String[size];
        String currency = tariff.currency().getCurrencyCode();
        for (int i = 0; i < size; i++) {
            RecordRow row = rows.get(i);
            Instant startedAt = RecordSeal.truncate(row.call().startedAt());
            subscriberIds[i] = row.subscriberId();
            keys[i] = row.key();
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

        jdbc.execute((ConnectionCallback<Void>) (Connection connection) -> {
            // PostgreSQL's own array factory takes primitive arrays and sends numbers in binary.
            PGConnection arrays = connection.unwrap(PGConnection.class);
            try (PreparedStatement statement = connection.prepareStatement(INSERT_RECORDS_SKIPPING_STORED)) {
                statement.setString(1, currency);
                statement.setLong(2, importId);
                Object[] columns = { subscriberIds, keys, directions, others, othersE164, starts, durations,
                        billables, answered, charges, lines, seals, sealKeyIds };
                String[] types = { "int8", "text", "text", "text", "text", "timestamptz", "int4", "int4", "bool",
                        "int8", "int8", "text", "text" };
                for (int column = 0; column < columns.length; column++) {
                    statement.setArray(column + 3, arrays.createArrayOf(types[column], columns[column]));
                }
                try (ResultSet result = statement.executeQuery()) {
                    returned.read(result);
                }
            }
            return null;
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
     * The records of the last chunks handed to the writers: every chunk that can still be in flight when the next
     * one is handed over.
     */
    private static final class RecentRecords {

        private final Deque<Set<RecordId>> chunks = new ArrayDeque<>();

        private final int size;

        private RecentRecords(int size) {
            this.size = size;
        }

        /** Tells whether a recent chunk contains one of {@code records}, then remembers them. */
        private boolean sharesRecordWith(Set<RecordId> records) {
            boolean shared = chunks.stream().anyMatch((chunk) -> !Collections.disjoint(chunk, records));
            if (chunks.size() == size) {
                chunks.removeFirst();
            }
            chunks.addLast(records);
            return shared;
        }
    }

    /**
     * The counters and caches of one import. Only the importing thread changes {@code read}, {@code rejected} and
     * the caches, and the writer threads add what they stored through {@link #add}.
     */
    private static final class Run {

        private final long importId;

        private final CdrLayout layout;

        private final ImportOptions options;

        private final Consumer<RejectedLine> rejectedListener;

        private final Set<YearMonth> partitions = new HashSet<>();

        private final SubscriberIdCache subscriberIds;

        private long read;

        private long imported;

        private long duplicates;

        private long rejected;

        private long charged;

        private Run(long importId, CdrLayout layout, ImportOptions options, Consumer<RejectedLine> rejectedListener,
                SubscriberIdCache subscriberIds) {
            this.importId = importId;
            this.layout = layout;
            this.options = options;
            this.rejectedListener = rejectedListener;
            this.subscriberIds = subscriberIds;
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
    private record ChunkCounts(long read, long rejected, int linesWithRows, long imported, long duplicates,
            long charged) {

        ChunkCounts(long read, long rejected, int linesWithRows) {
            this(read, rejected, linesWithRows, 0, 0, 0);
        }

        ChunkCounts withStored(long imported, long duplicates, long charged) {
            return new ChunkCounts(read, rejected, linesWithRows, imported, duplicates, charged);
        }
    }

    private record RecordRow(long subscriberId, CallLine call, String direction, String otherParty,
            String otherPartyE164, long chargeMinor) {

        long line() {
            return call.lineNumber();
        }

        String key() {
            return call.recordKey();
        }

        RecordId id() {
            return new RecordId(subscriberId, call.recordKey());
        }
    }

    /** A chunk's rows with one row per record, and the records they are. */
    private record UniqueRows(List<RecordRow> rows, Set<RecordId> ids) {
    }

    private record RecordId(long subscriberId, String key) {
    }

    @FunctionalInterface
    private interface ResultSetReader {

        void read(ResultSet result) throws SQLException;
    }
}
