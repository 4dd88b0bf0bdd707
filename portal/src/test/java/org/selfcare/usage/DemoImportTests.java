package org.selfcare.usage;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.support.DemoPortalTest;
import org.selfcare.usage.cdr.RejectedLine;
import picocli.CommandLine;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The importer on the real switch exports, after the demo has provisioned their subscribers and imported them
 * once at start-up.
 */
@DemoPortalTest
class DemoImportTests {

    @Autowired
    CallRecordImporter importer;

    @Autowired
    ImportCdrCommand command;

    @Autowired
    JdbcClient jdbc;

    @Test
    void demoImportedEveryAsteriskCallOnce() {
        long calls = jdbc.sql("""
                SELECT count(DISTINCT record_key) FROM call_record r JOIN call_import i ON i.id = r.import_id
                WHERE i.file_name LIKE '%asterisk-master.csv'""").query(Long.class).single();

        // 218 rows, of which 44 repeat the uniqueid of another row of the same call.
        assertThat(calls).isEqualTo(174);
    }

    @Test
    void ringGroupKeepsTheAnsweredRow() {
        Boolean answered = jdbc.sql("""
                SELECT bool_or(answered) FROM call_record WHERE record_key = 'asterisk:1497952162.0'
                AND direction = 'OUTGOING'""").query(Boolean.class).single();

        assertThat(answered).isTrue();
    }

    @Test
    void demoImportedMobileLogWithoutDamagedRows() {
        long calls = jdbc.sql("SELECT count(DISTINCT record_key) FROM call_record WHERE record_key LIKE 'mobile:%'")
                .query(Long.class)
                .single();

        // 13,035 rows minus 19 numbers in scientific notation and 31 calls dated 1980.
        assertThat(calls).isEqualTo(12_985);
    }

    @Test
    void secondImportOfRealFilesChangesNothing() throws Exception {
        long balancesBefore = totalBalance();
        long ledgerBefore = count("ledger_entry");
        long recordsBefore = count("call_record");

        ImportSummary asterisk = reimport("demo/asterisk-master.csv", ZoneOffset.UTC, "US");
        ImportSummary mobile = reimport("demo/mobile-calls.csv", ZoneId.of("Europe/London"), "GB");

        assertThat(asterisk.read()).isEqualTo(218);
        assertThat(asterisk.imported()).isZero();
        assertThat(asterisk.duplicates()).isEqualTo(218);
        assertThat(mobile.read()).isEqualTo(13_035);
        assertThat(mobile.imported()).isZero();
        assertThat(mobile.duplicates()).isEqualTo(12_985);
        assertThat(mobile.rejected()).isEqualTo(50);
        assertThat(totalBalance()).isEqualTo(balancesBefore);
        assertThat(count("ledger_entry")).isEqualTo(ledgerBefore);
        assertThat(count("call_record")).isEqualTo(recordsBefore);
    }

    @Test
    void rejectedLinesNameLineAndReason() throws Exception {
        List<RejectedLine> rejected = new ArrayList<>();
        try (InputStream in = new ClassPathResource("demo/mobile-calls.csv").getInputStream()) {
            importer.importStream(in, "mobile-calls.csv",
                    new ImportOptions(ZoneId.of("Europe/London"), "GB", null, ImportOptions.DEFAULT_EARLIEST),
                    rejected::add);
        }

        assertThat(rejected).hasSize(50);
        assertThat(rejected).anySatisfy((line) -> assertThat(line.reason()).contains("scientific notation"));
        assertThat(rejected).anySatisfy((line) -> assertThat(line.reason()).contains("1980"));
        assertThat(rejected).allSatisfy((line) -> assertThat(line.lineNumber()).isGreaterThan(1));
    }

    @Test
    void answeredOutgoingCallIsChargedOncePerStartedMinute() {
        var charge = jdbc.sql("""
                SELECT r.billable_seconds, r.charge_minor, l.amount_minor FROM call_record r
                JOIN ledger_entry l ON l.subscriber_id = r.subscriber_id AND l.reference = 'call:' || r.record_key
                WHERE r.record_key = 'asterisk:1497952162.0' AND r.direction = 'OUTGOING'""")
                .query((rows, number) -> new long[] { rows.getLong(1), rows.getLong(2), rows.getLong(3) })
                .single();

        // 514 s is 9 started minutes; the demo tariff charges 2 pence a minute for +1 numbers.
        assertThat(charge[0]).isEqualTo(514);
        assertThat(charge[1]).isEqualTo(18);
        assertThat(charge[2]).isEqualTo(-18);
    }

    @Test
    void callWithNoSubscriberIsRejected() throws Exception {
        String line = "\"\",\"999-555-0100\",\"999-555-0101\",\"hq\",\"\",\"X\",\"Y\",\"Dial\",\"\","
                + "\"2017-06-20 09:49:22\",\"2017-06-20 09:49:32\",\"2017-06-20 09:58:06\",524,514,\"ANSWERED\","
                + "\"DOCUMENTATION\",\"1497952162.999\",\"\"\n";
        List<RejectedLine> rejected = new ArrayList<>();

        ImportSummary summary = importer.importStream(new java.io.ByteArrayInputStream(line.getBytes()), "stray.csv",
                new ImportOptions(ZoneOffset.UTC, "US", null, ImportOptions.DEFAULT_EARLIEST), rejected::add);

        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(rejected.get(0).reason()).contains("belongs to a subscriber");
    }

    @Test
    void commandReportsSummaryAndRejectedLines(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("master.csv");
        Files.writeString(file, "\"\",\"202-555-0161\",\"202-555-0152\",\"hq\",\"\",\"X\",\"Y\",\"Dial\",\"\","
                + "\"2017-06-20 09:49:22\",\"\",\"2017-06-20 09:49:32\",-10,0,\"NO ANSWER\",\"DOCUMENTATION\","
                + "\"1497952162.77\",\"\"\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = run(out, err, "--region", "US", file.toString());

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("read 1, imported 0, duplicates 0, rejected 1");
        assertThat(err.toString()).contains(file + ":1: rejected:").contains("negative duration");
    }

    @Test
    void commandExitsNonZeroWhenFileCannotBeRead(@TempDir Path folder) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = run(out, err, folder.resolve("missing.csv").toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read the file").doesNotContain("Exception");
    }

    @Test
    void commandRejectsUnknownZoneWithPlainMessage() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = run(out, err, "--zone", "Mars/Olympus", "file.csv");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--zone").doesNotContain("at org.");
    }

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private ImportSummary reimport(String resource, ZoneId zone, String region) throws Exception {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return importer.importStream(in, resource, new ImportOptions(zone, region, null,
                    ImportOptions.DEFAULT_EARLIEST), (rejected) -> {
                    });
        }
    }

    private long totalBalance() {
        return jdbc.sql("SELECT coalesce(sum(balance_minor), 0) FROM account").query(Long.class).single();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
