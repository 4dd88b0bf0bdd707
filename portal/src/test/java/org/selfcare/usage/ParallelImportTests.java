package org.selfcare.usage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.integrity.RecordSealer;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;
import org.selfcare.usage.cdr.RejectedLine;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The importer with small chunks stored on two connections at once, on files built so that chunks in flight
 * together hold the same records and charge the same subscribers.
 */
@PortalTest
class ParallelImportTests {

    private static final DateTimeFormatter MOBILE_TIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

    private static final String HEADER = "user,other,direction,duration,timestamp,antenna_id,cost\n";

    private static final int CHUNK_SIZE = 5;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    Tariff tariff;

    @Autowired
    RecordSealer sealer;

    CallRecordImporter importer;

    List<Subscriber> subscribers;

    /** Makes every test's record keys new, because the test database is kept between runs. */
    OffsetDateTime firstCall;

    @BeforeEach
    void setUp() {
        importer = new CallRecordImporter(jdbc, transactions, directory, accounts, tariff, sealer, CHUNK_SIZE, 2);
        subscribers = List.of(TestSubscribers.create(directory, accounts), TestSubscribers.create(directory, accounts),
                TestSubscribers.create(directory, accounts));
        firstCall = OffsetDateTime.of(2025, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(1))
                .plusSeconds(Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 86_400L * 300));
    }

    @Test
    void recordInTwoChunksAtOnceStoredOnce() throws Exception {
        // Every chunk is followed by a chunk with the same calls in reverse order, so each chunk contains the records
        // of the chunk handed to the writers just before it.
        List<String> lines = new ArrayList<>();
        for (int chunk = 0; chunk < 8; chunk++) {
            List<String> calls = new ArrayList<>();
            for (int i = 0; i < CHUNK_SIZE; i++) {
                calls.add(callBetween(chunk * CHUNK_SIZE + i));
            }
            lines.addAll(calls);
            Collections.reverse(calls);
            lines.addAll(calls);
        }

        ImportSummary summary = importLines("twice", lines, new ArrayList<>());

        assertThat(summary.read()).isEqualTo(80);
        assertThat(summary.imported()).isEqualTo(40);
        assertThat(summary.duplicates()).isEqualTo(40);
        assertThat(summary.rejected()).isZero();
        assertThat(summary.charged()).isEqualTo(40);
        // A call between two subscribers is stored once for each end.
        assertThat(recordsOfSubscribers()).isEqualTo(80);
        assertThat(ledgerEntriesOfSubscribers()).isEqualTo(40);
        assertBalancesMatchLedgerAndRecords();
        assertStoredCountsMatch(summary);
    }

    @Test
    void sameSubscribersChargedFromChunksAtOnce() throws Exception {
        // Every chunk charges all three subscribers, in an order that changes from chunk to chunk.
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(callBetween(i));
        }

        ImportSummary summary = importLines("charges", lines, new ArrayList<>());

        assertThat(summary.imported()).isEqualTo(200);
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.charged()).isEqualTo(200);
        assertThat(ledgerEntriesOfSubscribers()).isEqualTo(200);
        assertThat(totalBalanceOfSubscribers()).isEqualTo(-200 * expectedPricePerCall());
        assertBalancesMatchLedgerAndRecords();
        assertStoredCountsMatch(summary);
    }

    @Test
    void secondImportChangesNothing() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lines.add(callBetween(i));
        }
        importLines("again", lines, new ArrayList<>());
        long balance = totalBalanceOfSubscribers();

        ImportSummary second = importLines("again", lines, new ArrayList<>());

        assertThat(second.imported()).isZero();
        assertThat(second.duplicates()).isEqualTo(60);
        assertThat(second.charged()).isZero();
        assertThat(totalBalanceOfSubscribers()).isEqualTo(balance);
        assertThat(ledgerEntriesOfSubscribers()).isEqualTo(60);
        assertStoredCountsMatch(second);
    }

    @Test
    void mixedChunkStoresOnlyNewRecords() throws Exception {
        List<String> first = new ArrayList<>();
        List<String> mixed = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            mixed.add(callBetween(i));
            if (i % 2 == 0) {
                first.add(callBetween(i));
            }
        }
        importLines("half", first, new ArrayList<>());

        ImportSummary summary = importLines("mixed", mixed, new ArrayList<>());

        assertThat(summary.imported()).isEqualTo(30);
        assertThat(summary.duplicates()).isEqualTo(30);
        assertThat(summary.charged()).isEqualTo(30);
        assertThat(recordsOfSubscribers()).isEqualTo(120);
        assertThat(ledgerEntriesOfSubscribers()).isEqualTo(60);
        assertThat(totalBalanceOfSubscribers()).isEqualTo(-60 * expectedPricePerCall());
        assertBalancesMatchLedgerAndRecords();
        assertStoredCountsMatch(summary);
    }

    @Test
    void postedChargeWithoutRecordSkipped() throws Exception {
        List<String> lines = List.of(callBetween(0));
        importLines("charged", lines, new ArrayList<>());
        long balance = totalBalanceOfSubscribers();
        // The call's charge stays in the ledger while both of its records go, so the next import finds only new
        // records, one of them with a charge that was posted before.
        jdbc.update("DELETE FROM call_record WHERE subscriber_id IN (?, ?, ?)", subscribers.get(0).id(),
                subscribers.get(1).id(), subscribers.get(2).id());

        ImportSummary summary = importLines("charged", lines, new ArrayList<>());

        assertThat(summary.imported()).isEqualTo(1);
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.charged()).isZero();
        assertThat(recordsOfSubscribers()).isEqualTo(2);
        assertThat(ledgerEntriesOfSubscribers()).isEqualTo(1);
        assertThat(totalBalanceOfSubscribers()).isEqualTo(balance);
        assertStoredCountsMatch(summary);
    }

    @Test
    void ownNumberCallKeptOutgoing() throws Exception {
        String call = number(0) + "," + number(0) + ",Outgoing,60," + MOBILE_TIME.format(firstCall) + ",1,0";

        ImportSummary summary = importLines("self", List.of(call), new ArrayList<>());

        assertThat(summary.imported()).isEqualTo(1);
        assertThat(summary.charged()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT direction FROM call_record WHERE subscriber_id = ?", String.class,
                subscribers.get(0).id())).containsExactly("OUTGOING");
        assertBalancesMatchLedgerAndRecords();
    }

    @Test
    void rejectedLinesReportedInFileOrder() throws Exception {
        List<String> lines = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        String time = MOBILE_TIME.format(firstCall);
        for (int i = 0; i < 60; i++) {
            // The header is line 1, so the call of index i is on line i + 2.
            if (i % 7 == 3) {
                lines.add(number(0) + "," + number(1) + ",Sideways,10," + time + ",1,0");
                expected.add(i + 2L);
                reasons.add("direction");
            }
            else if (i % 11 == 5) {
                String stranger = TestSubscribers.unknownNumber().replace(" ", "").substring(1);
                lines.add(stranger + ",2079460000,Outgoing,10," + time + ",1,0");
                expected.add(i + 2L);
                reasons.add("belongs to a subscriber");
            }
            else {
                lines.add(callBetween(i));
            }
        }
        List<RejectedLine> rejected = new ArrayList<>();

        ImportSummary summary = importLines("rejects", lines, rejected);

        assertThat(rejected).extracting(RejectedLine::lineNumber).containsExactlyElementsOf(expected);
        for (int i = 0; i < rejected.size(); i++) {
            assertThat(rejected.get(i).reason()).contains(reasons.get(i));
        }
        assertThat(summary.rejected()).isEqualTo(expected.size());
        assertThat(summary.imported()).isEqualTo(60 - expected.size());
        assertStoredCountsMatch(summary);
    }

    @Test
    void interruptedImportKeepsCommittedChunksAndReruns() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add(callBetween(i));
        }
        byte[] file = (HEADER + String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);
        String name = "cut-" + UUID.randomUUID() + ".csv";
        InputStream cut = new FailingAfter(file, file.length * 6 / 10);

        assertThatThrownBy(() -> importer.importStream(cut, name, options(), (line) -> {
        })).isInstanceOf(IOException.class);

        long[] partial = jdbc.queryForObject("""
                SELECT imported, (SELECT count(DISTINCT source_line) FROM call_record WHERE import_id = i.id)
                FROM call_import i WHERE file_name = ? AND finished_at IS NULL""",
                (rows, number) -> new long[] { rows.getLong(1), rows.getLong(2) }, name);
        assertThat(partial[0]).isPositive().isLessThan(100);
        assertThat(partial[1]).isEqualTo(partial[0]);
        assertThat(ledgerEntriesOfSubscribers()).isEqualTo(partial[0]);
        assertBalancesMatchLedgerAndRecords();

        ImportSummary rerun = importer.importStream(new ByteArrayInputStream(file), name, options(), (line) -> {
        });

        assertThat(rerun.imported()).isEqualTo(100 - partial[0]);
        assertThat(rerun.duplicates()).isEqualTo(partial[0]);
        assertThat(ledgerEntriesOfSubscribers()).isEqualTo(100);
        assertThat(totalBalanceOfSubscribers()).isEqualTo(-100 * expectedPricePerCall());
        assertBalancesMatchLedgerAndRecords();
    }

    @Test
    void secondImportWaitsForFirst() throws Exception {
        List<String> firstLines = new ArrayList<>();
        List<String> secondLines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (i < 40) {
                firstLines.add(callBetween(i));
            }
            if (i >= 20) {
                secondLines.add(callBetween(i));
            }
        }
        byte[] firstFile = (HEADER + String.join("\n", firstLines) + "\n").getBytes(StandardCharsets.US_ASCII);
        CountDownLatch resume = new CountDownLatch(1);
        String firstName = "first-" + UUID.randomUUID() + ".csv";
        String secondName = "second-" + UUID.randomUUID();
        ExecutorService imports = Executors.newFixedThreadPool(2);
        try {
            Future<ImportSummary> first = imports.submit(() -> importer.importStream(
                    new PausedAfter(firstFile, firstFile.length / 2, resume), firstName, options(), (line) -> {
                    }));
            awaitTrue("the first import starts", () -> importsNamed(firstName) == 1);
            Future<ImportSummary> second = imports.submit(() -> importLines(secondName, secondLines,
                    new ArrayList<>()));
            awaitTrue("the second import waits for the lock", this::importWaitsForLock);

            assertThat(importsNamed(secondName + ".csv")).as("second import not begun").isZero();
            resume.countDown();
            ImportSummary firstSummary = first.get(60, TimeUnit.SECONDS);
            ImportSummary secondSummary = second.get(60, TimeUnit.SECONDS);

            assertThat(firstSummary.imported()).isEqualTo(40);
            assertThat(secondSummary.imported()).isEqualTo(20);
            assertThat(secondSummary.duplicates()).isEqualTo(20);
            assertThat(ledgerEntriesOfSubscribers()).isEqualTo(60);
            assertBalancesMatchLedgerAndRecords();
        }
        finally {
            resume.countDown();
            imports.shutdownNow();
        }
    }

    /**
     * Returns an answered outgoing call of one minute between two of the three subscribers, chosen by
     * {@code index} so that consecutive calls cycle through every pair in both directions.
     */
    private String callBetween(int index) {
        int caller = index % 3;
        int called = (caller + 1 + (index / 3) % 2) % 3;
        return number(caller) + "," + number(called) + ",Outgoing,60,"
                + MOBILE_TIME.format(firstCall.plusMinutes(index)) + ",1,0";
    }

    /** Returns the subscriber's national number without the leading 0, as the mobile log writes it. */
    private String number(int subscriber) {
        return subscribers.get(subscriber).msisdnE164().substring(3);
    }

    private long expectedPricePerCall() {
        return tariff.price(subscribers.get(1).msisdnE164(), 60);
    }

    private ImportSummary importLines(String name, List<String> lines, List<RejectedLine> rejected)
            throws IOException {
        byte[] file = (HEADER + String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII);
        return importer.importStream(new ByteArrayInputStream(file), name + ".csv", options(), rejected::add);
    }

    private long importsNamed(String fileName) {
        return jdbc.queryForObject("SELECT count(*) FROM call_import WHERE file_name = ?", Long.class, fileName);
    }

    /** Returns whether a session waits for the advisory lock of imports, whose key pg_locks shows in two halves. */
    private boolean importWaitsForLock() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
                  AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)""",
                Long.class, ImportLock.KEY_NAME) > 0;
    }

    private static void awaitTrue(String description, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited 30 seconds for this in vain: " + description);
            }
            Thread.sleep(20);
        }
    }

    private static ImportOptions options() {
        return new ImportOptions(ZoneId.of("Europe/London"), "GB", null, ImportOptions.DEFAULT_EARLIEST);
    }

    private long recordsOfSubscribers() {
        return sumOverSubscribers("SELECT count(*) FROM call_record WHERE subscriber_id = ?");
    }

    private long ledgerEntriesOfSubscribers() {
        return sumOverSubscribers("SELECT count(*) FROM ledger_entry WHERE subscriber_id = ?");
    }

    private long totalBalanceOfSubscribers() {
        return sumOverSubscribers("SELECT balance_minor FROM account WHERE subscriber_id = ?");
    }

    private long sumOverSubscribers(String query) {
        long sum = 0;
        for (Subscriber subscriber : subscribers) {
            sum += jdbc.queryForObject(query, Long.class, subscriber.id());
        }
        return sum;
    }

    private void assertBalancesMatchLedgerAndRecords() {
        for (Subscriber subscriber : subscribers) {
            long balance = jdbc.queryForObject("SELECT balance_minor FROM account WHERE subscriber_id = ?",
                    Long.class, subscriber.id());
            long ledger = jdbc.queryForObject(
                    "SELECT coalesce(sum(amount_minor), 0) FROM ledger_entry WHERE subscriber_id = ?", Long.class,
                    subscriber.id());
            long charges = jdbc.queryForObject("""
                    SELECT coalesce(sum(charge_minor), 0) FROM call_record
                    WHERE subscriber_id = ? AND direction = 'OUTGOING'""", Long.class, subscriber.id());

            assertThat(balance).as("balance of subscriber %d", subscriber.id()).isEqualTo(ledger);
            assertThat(-ledger).as("charges of subscriber %d", subscriber.id()).isEqualTo(charges);
        }
    }

    private void assertStoredCountsMatch(ImportSummary summary) {
        long[] stored = jdbc.queryForObject(
                "SELECT lines_read, imported, duplicates, rejected FROM call_import WHERE id = ?",
                (rows, number) -> new long[] { rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4) },
                summary.importId());

        assertThat(stored).containsExactly(summary.read(), summary.imported(), summary.duplicates(),
                summary.rejected());
    }

    /**
     * Delivers the first {@code limit} bytes of a file, then waits for {@code resume} before the rest, as a file
     * that a switch is still writing does.
     */
    private static final class PausedAfter extends InputStream {

        private final ByteArrayInputStream content;

        private final CountDownLatch resume;

        private int beforePause;

        PausedAfter(byte[] file, int limit, CountDownLatch resume) {
            this.content = new ByteArrayInputStream(file);
            this.beforePause = limit;
            this.resume = resume;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return (read(one, 0, 1) == -1) ? -1 : (one[0] & 0xff);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (beforePause == 0) {
                awaitResume();
                return content.read(buffer, offset, length);
            }
            int read = content.read(buffer, offset, Math.min(length, beforePause));
            beforePause -= read;
            return read;
        }

        private void awaitResume() throws IOException {
            try {
                if (!resume.await(60, TimeUnit.SECONDS)) {
                    throw new IOException("The test never resumed the file");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while the file was paused", ex);
            }
        }
    }

    /**
     * Delivers the first {@code limit} bytes of a file and then fails, as a read from a dropped network mount does.
     */
    private static final class FailingAfter extends InputStream {

        private final ByteArrayInputStream content;

        private int remaining;

        FailingAfter(byte[] file, int limit) {
            this.content = new ByteArrayInputStream(file);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                throw new IOException("Connection to the file server was lost");
            }
            remaining--;
            return content.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                throw new IOException("Connection to the file server was lost");
            }
            int read = content.read(buffer, offset, Math.min(length, remaining));
            remaining -= read;
            return read;
        }
    }
}
