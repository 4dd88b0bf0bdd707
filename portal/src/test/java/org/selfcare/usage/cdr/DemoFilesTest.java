package org.selfcare.usage.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Reads the two real exports shipped in src/main/resources/demo from start to end.
 */
class DemoFilesTest {

    /** Every start time in the file equals the epoch in its row's uniqueid, so the PBX wrote local times in UTC. */
    private static final ZoneId PBX_ZONE = ZoneOffset.UTC;

    @Test
    void asteriskFileIsReadCompletely() throws IOException {
        List<CdrLine> lines = read("/demo/asterisk-master.csv", CdrReadOptions.detectLayout(PBX_ZONE));
        List<CallLine> calls = calls(lines);

        assertThat(lines).hasSize(218);
        assertThat(rejected(lines)).isEmpty();
        assertThat(calls).hasSize(218);
    }

    @Test
    void asteriskFileIsDetected() throws IOException {
        try (InputStream in = resource("/demo/asterisk-master.csv");
                CdrReader reader = CdrReader.open(in, CdrReadOptions.detectLayout(PBX_ZONE))) {
            assertThat(reader.layout()).isEqualTo(CdrLayout.ASTERISK);
        }
    }

    @Test
    void asteriskFileRowsShareUniqueIds() throws IOException {
        List<CallLine> calls = calls(read("/demo/asterisk-master.csv", CdrReadOptions.detectLayout(PBX_ZONE)));

        long distinctKeys = calls.stream().map(CallLine::recordKey).distinct().count();
        Map<String, Long> rowsPerKey = calls.stream()
                .collect(Collectors.groupingBy(CallLine::recordKey, Collectors.counting()));
        long rowsReusingAKey = rowsPerKey.values().stream().mapToLong(count -> count - 1).sum();

        assertThat(distinctKeys).isEqualTo(174);
        assertThat(rowsReusingAKey).isEqualTo(44);
    }

    @Test
    void asteriskFileAnsweredCount() throws IOException {
        List<CallLine> calls = calls(read("/demo/asterisk-master.csv", CdrReadOptions.detectLayout(PBX_ZONE)));

        assertThat(calls.stream().filter(CallLine::answered).count()).isEqualTo(133);
    }

    @Test
    void asteriskFileFirstTwoRowsDescribeOneCall() throws IOException {
        List<CallLine> calls = calls(read("/demo/asterisk-master.csv", CdrReadOptions.detectLayout(PBX_ZONE)));
        CallLine ringing = calls.get(0);
        CallLine talking = calls.get(1);

        assertThat(ringing.lineNumber()).isEqualTo(1);
        assertThat(ringing.recordKey()).isEqualTo("asterisk:1497952162.0");
        assertThat(ringing.callingNumber()).isEqualTo("202-555-0161");
        assertThat(ringing.calledNumber()).isEqualTo("202-555-0152");
        assertThat(ringing.startedAt()).isEqualTo(Instant.parse("2017-06-20T09:49:22Z"));
        assertThat(ringing.answered()).isFalse();

        assertThat(talking.lineNumber()).isEqualTo(2);
        assertThat(talking.recordKey()).isEqualTo(ringing.recordKey());
        assertThat(talking.answered()).isTrue();
        assertThat(talking.durationSeconds()).isEqualTo(524);
        assertThat(talking.billableSeconds()).isEqualTo(514);
    }

    @Test
    void asteriskFileStartTimesMatchUniqueIds() throws IOException {
        List<CallLine> calls = calls(read("/demo/asterisk-master.csv", CdrReadOptions.detectLayout(PBX_ZONE)));

        assertThat(calls).allSatisfy(call -> {
            String uniqueId = call.recordKey().substring("asterisk:".length());
            long epochSecond = Long.parseLong(uniqueId.substring(0, uniqueId.indexOf('.')));
            assertThat(call.startedAt()).as("line %d", call.lineNumber()).isEqualTo(Instant.ofEpochSecond(epochSecond));
        });
    }

    @Test
    void mobileFileIsReadCompletely() throws IOException {
        List<CdrLine> lines = read("/demo/mobile-calls.csv", CdrReadOptions.detectLayout(CdrInput.LONDON));

        assertThat(lines).hasSize(13_035);
        assertThat(calls(lines)).hasSize(13_035 - 50);
        assertThat(rejected(lines)).hasSize(50);
    }

    @Test
    void mobileFileIsDetected() throws IOException {
        try (InputStream in = resource("/demo/mobile-calls.csv");
                CdrReader reader = CdrReader.open(in, CdrReadOptions.detectLayout(CdrInput.LONDON))) {
            assertThat(reader.layout()).isEqualTo(CdrLayout.MOBILE_LOG);
        }
    }

    @Test
    void mobileFileRejectsSpreadsheetDamagedNumbers() throws IOException {
        List<RejectedLine> rejected = rejected(read("/demo/mobile-calls.csv", CdrReadOptions.detectLayout(CdrInput.LONDON)));

        List<RejectedLine> scientific = rejected.stream()
                .filter(line -> line.reason().contains("is in scientific notation (damaged by a spreadsheet)"))
                .toList();
        long literal488 = scientific.stream().filter(line -> line.reason().contains("\"4.88E+31\"")).count();

        // 19 rows hold a number in scientific notation, 3 of them 4.88E+31 and the rest values such as 1.43E+13.
        assertThat(scientific).hasSize(19);
        assertThat(literal488).isEqualTo(3);
    }

    @Test
    void mobileFileRejectsRowsFrom1980() throws IOException {
        List<RejectedLine> rejected = rejected(read("/demo/mobile-calls.csv", CdrReadOptions.detectLayout(CdrInput.LONDON)));

        List<RejectedLine> early = rejected.stream()
                .filter(line -> line.reason().startsWith("started 1980-"))
                .toList();

        assertThat(early).hasSize(31);
        assertThat(early.get(0)).isEqualTo(new RejectedLine(3, "started 1980-02-11T07:18:23Z, before the earliest"
                + " accepted date 2000-01-01, so the phone's clock was probably wrong"));
    }

    @Test
    void mobileFileKeepsOffsetsAcrossDaylightSavingChange() throws IOException {
        Map<Long, CallLine> callsByLine = calls(read("/demo/mobile-calls.csv", CdrReadOptions.detectLayout(CdrInput.LONDON)))
                .stream()
                .collect(Collectors.toMap(CallLine::lineNumber, Function.identity()));

        // UK clocks went back from 02:00 BST to 01:00 GMT on 2010-10-31. Line 5213 is the last call before the
        // change, and line 5214 starts at 01:05:40 local time, which occurred twice that night. Its +0000 offset
        // places it in the second, GMT pass.
        CallLine beforeChange = callsByLine.get(5213L);
        CallLine afterChange = callsByLine.get(5214L);

        assertThat(beforeChange.startedAt()).isEqualTo(Instant.parse("2010-10-30T22:56:22Z"));
        assertThat(afterChange.startedAt()).isEqualTo(Instant.parse("2010-10-31T01:05:40Z"));
    }

    @Test
    void mobileFileKeepsShortCodes() throws IOException {
        List<CallLine> calls = calls(read("/demo/mobile-calls.csv", CdrReadOptions.detectLayout(CdrInput.LONDON)));

        assertThat(calls).anySatisfy(call -> assertThat(call.calledNumber()).isEqualTo("452"));
    }

    private static List<CdrLine> read(String resource, CdrReadOptions options) throws IOException {
        return CdrInput.readAll(resource(resource), options);
    }

    private static InputStream resource(String name) {
        InputStream in = DemoFilesTest.class.getResourceAsStream(name);
        assertThat(in).as("classpath resource %s", name).isNotNull();
        return in;
    }

    private static List<CallLine> calls(List<CdrLine> lines) {
        return lines.stream().filter(CallLine.class::isInstance).map(CallLine.class::cast).toList();
    }

    private static List<RejectedLine> rejected(List<CdrLine> lines) {
        return lines.stream().filter(RejectedLine.class::isInstance).map(RejectedLine.class::cast).toList();
    }
}
