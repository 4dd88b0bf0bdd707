package org.selfcare.usage.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.selfcare.usage.cdr.CdrInput.answeredAsteriskRecord;
import static org.selfcare.usage.cdr.CdrInput.asteriskRecord;
import static org.selfcare.usage.cdr.CdrInput.onlyCall;
import static org.selfcare.usage.cdr.CdrInput.onlyRejected;
import static org.selfcare.usage.cdr.CdrInput.readAll;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

/**
 * Covers what all layouts share: decoding, line numbers, layout detection and the end of the input.
 */
class CdrReaderTest {

    private static final CdrReadOptions UTC = CdrReadOptions.detectLayout(ZoneOffset.UTC);

    @Test
    void emptyFileHasNoLines() throws IOException {
        try (CdrReader reader = open(new byte[0], UTC)) {
            assertThat(reader.hasNext()).isFalse();
            assertThat(reader.layout()).isNull();
        }
    }

    @Test
    void blankFileHasNoLines() throws IOException {
        assertThat(readAll("\n\r\n  \n", UTC)).isEmpty();
    }

    @Test
    void emptyFileKeepsConfiguredLayout() throws IOException {
        try (CdrReader reader = open(new byte[0], UTC.withLayout(CdrLayout.FREESWITCH))) {
            assertThat(reader.layout()).isEqualTo(CdrLayout.FREESWITCH);
        }
    }

    @Test
    void undetectableLayoutFailsToOpen() {
        String sevenColumns = "a,b,c,d,e,f,g\n";

        assertThatThrownBy(() -> open(sevenColumns.getBytes(StandardCharsets.UTF_8), UTC))
                .isInstanceOf(CdrLayoutException.class)
                .hasMessageStartingWith("cannot detect the layout: first record has 7 columns on line 1, but Asterisk"
                        + " files have 16, 18 or 21, FreeSWITCH files have 15");
    }

    @Test
    void configuredLayoutSkipsDetection() throws IOException {
        List<CdrLine> lines = readAll("a,b,c,d,e,f,g\n", UTC.withLayout(CdrLayout.ASTERISK));

        assertThat(onlyRejected(lines).reason()).isEqualTo("expected 16, 18 or 21 columns but found 7");
    }

    @Test
    void newlineInsideQuotedFieldKeepsLineNumbers() throws IOException {
        String spanningTwoLines = answeredAsteriskRecord("2017-06-20 09:49:22", "1497952162.0")
                .replace("Robin Hale", "Robin\nHale");
        String next = answeredAsteriskRecord("2017-06-20 10:07:41", "1497953261.5");
        String last = answeredAsteriskRecord("2017-06-20 10:27:05", "1497954425.8");

        List<CdrLine> lines = readAll(spanningTwoLines + "\n" + next + "\n" + last + "\n", UTC);

        assertThat(lines).extracting(CdrLine::lineNumber).containsExactly(1L, 3L, 4L);
        assertThat(lines).allMatch(CallLine.class::isInstance);
    }

    @Test
    void blankLinesCountTowardLineNumbers() throws IOException {
        String first = answeredAsteriskRecord("2017-06-20 09:49:22", "1497952162.0");
        String second = answeredAsteriskRecord("2017-06-20 10:07:41", "1497953261.5");

        List<CdrLine> lines = readAll("\n" + first + "\r\n\r\n" + second + "\r\n", UTC);

        assertThat(lines).extracting(CdrLine::lineNumber).containsExactly(2L, 4L);
    }

    @Test
    void invalidUtf8InCallerNameIsAccepted() throws IOException {
        String[] around = answeredAsteriskRecord("2017-06-20 09:49:22", "1497952162.0").split("Robin Hale");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(around[0].getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'R', 'o', 'b', (byte) 0xC3, (byte) 0x28, 'n', ' ', (byte) 0xFF, 'H', 'a', 'l', 'e'});
        bytes.writeBytes(around[1].getBytes(StandardCharsets.UTF_8));

        CallLine call = onlyCall(readAll(bytes.toByteArray(), UTC));

        assertThat(call.callingNumber()).isEqualTo("202-555-0161");
        assertThat(call.recordKey()).isEqualTo("asterisk:1497952162.0");
    }

    @Test
    void invalidUtf8InNumberIsRejected() throws IOException {
        String[] around = asteriskRecord("202-555-0161", "DST", "2017-06-20 09:49:22", "", "10", "0", "NO ANSWER",
                "1497952162.0").split("DST");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(around[0].getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'2', '0', '2', (byte) 0xFF});
        bytes.writeBytes(around[1].getBytes(StandardCharsets.UTF_8));

        RejectedLine rejected = onlyRejected(readAll(bytes.toByteArray(), UTC));

        assertThat(rejected.reason()).isEqualTo("called number \"202\uFFFD\" contains '\uFFFD', but a number may"
                + " contain only digits, spaces and + - ( ) . * #");
    }

    @Test
    void unterminatedQuoteEndsReaderWithOneRejectedLine() throws IOException {
        String valid = answeredAsteriskRecord("2017-06-20 09:49:22", "1497952162.0");
        String unterminated = "\"\",\"202-555-0113\",\"202-555-0171\",\"hq\",\"Robin Hale <202-555-0113>,";

        try (CdrReader reader = open((valid + "\n" + unterminated + "\n").getBytes(StandardCharsets.UTF_8), UTC)) {
            assertThat(reader.next()).isInstanceOf(CallLine.class);
            assertThat(reader.next()).isEqualTo(new RejectedLine(2, "a quoted value that starts in this record is"
                    + " never closed before the end of the file, so the rest of the file was not read"));
            assertThat(reader.hasNext()).isFalse();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void unterminatedQuoteSwallowsRestOfFile() throws IOException {
        String text = "user,other,direction,duration,timestamp,antenna_id,cost\n"
                + "7700900002,2079460000,Outgoing,31,Thu Sep 09 19:51:30 +0100 2010,10,12\n"
                + "7700900002,\"2079460000,Outgoing,31,Thu Sep 09 19:53:30 +0100 2010,10,12\n"
                + "7700900002,2079460000,Outgoing,31,Thu Sep 09 19:55:30 +0100 2010,10,12\n";

        List<CdrLine> lines = readAll(text, UTC);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isInstanceOf(CallLine.class);
        assertThat(lines.get(1)).isEqualTo(new RejectedLine(3, "a quoted value that starts in this record is"
                + " never closed before the end of the file, so the rest of the file was not read"));
    }

    @Test
    void unterminatedFirstRecordIsRejected() throws IOException {
        String unterminated = "\"\",\"202-555-0113\",\"202-555-0171\",\"hq\",\"Robin Hale <202-555-0113>,\n";

        List<CdrLine> lines = readAll(unterminated, UTC.withLayout(CdrLayout.ASTERISK));

        assertThat(onlyRejected(lines).lineNumber()).isEqualTo(1);
    }

    @Test
    void unterminatedFirstRecordFailsDetection() {
        String unterminated = "\"\",\"202-555-0113\",\"202-555-0171\",\"hq\",\"Robin Hale <202-555-0113>,\n";

        assertThatThrownBy(() -> open(unterminated.getBytes(StandardCharsets.UTF_8), UTC))
                .isInstanceOf(CdrLayoutException.class)
                .hasMessage("cannot detect the layout: a quoted value that starts in this record is never closed"
                        + " before the end of the file");
    }

    @Test
    void textAfterClosingQuoteEndsReader() throws IOException {
        String valid = answeredAsteriskRecord("2017-06-20 09:49:22", "1497952162.0");
        String strayText = "\"\",\"202-555-0113\"x,\"202-555-0171\"\n";

        List<CdrLine> lines = readAll(valid + "\n" + strayText + valid + "\n", UTC);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).lineNumber()).isEqualTo(2);
        assertThat(((RejectedLine) lines.get(1)).reason())
                .startsWith("the text is not valid CSV (")
                .endsWith(", so the rest of the file was not read");
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        String row = "7700900002,2079460000,Outgoing,31,Thu Sep 09 19:51:30 +0100 2010,10,12";
        String text = "\uFEFFuser,other,direction,duration,timestamp,antenna_id,cost\n" + row;

        try (CdrReader reader = open(text.getBytes(StandardCharsets.UTF_8), UTC)) {
            assertThat(reader.layout()).isEqualTo(CdrLayout.MOBILE_LOG);
            assertThat(reader.next()).isInstanceOf(CallLine.class);
        }
    }

    @Test
    void closeClosesInputStream() throws IOException {
        CloseTrackingInputStream in = new CloseTrackingInputStream(new byte[0]);

        CdrReader reader = CdrReader.open(in, UTC);
        reader.close();

        assertThat(in.closed).isTrue();
    }

    @Test
    void failedOpenClosesInputStream() {
        CloseTrackingInputStream in = new CloseTrackingInputStream("a,b\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CdrReader.open(in, UTC)).isInstanceOf(CdrLayoutException.class);
        assertThat(in.closed).isTrue();
    }

    @Test
    void hasNextAfterCloseFails() throws IOException {
        CdrReader reader = open(new byte[0], UTC);
        reader.close();

        assertThatThrownBy(reader::hasNext)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the reader is closed");
    }

    private static CdrReader open(byte[] bytes, CdrReadOptions options) throws IOException {
        return CdrReader.open(new ByteArrayInputStream(bytes), options);
    }

    private static final class CloseTrackingInputStream extends ByteArrayInputStream {

        private boolean closed;

        CloseTrackingInputStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
