package org.selfcare.usage.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small export files for the reader tests and reads them completely.
 */
final class CdrInput {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private CdrInput() {
    }

    static List<CdrLine> readAll(String text, CdrReadOptions options) throws IOException {
        return readAll(text.getBytes(StandardCharsets.UTF_8), options);
    }

    static List<CdrLine> readAll(byte[] bytes, CdrReadOptions options) throws IOException {
        return readAll(new ByteArrayInputStream(bytes), options);
    }

    static List<CdrLine> readAll(InputStream in, CdrReadOptions options) throws IOException {
        try (CdrReader reader = CdrReader.open(in, options)) {
            List<CdrLine> lines = new ArrayList<>();
            reader.forEachRemaining(lines::add);
            return lines;
        }
    }

    /** Returns the only line, which must be a call. */
    static CallLine onlyCall(List<CdrLine> lines) {
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).isInstanceOf(CallLine.class);
        return (CallLine) lines.get(0);
    }

    /** Returns the only line, which must be rejected. */
    static RejectedLine onlyRejected(List<CdrLine> lines) {
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).isInstanceOf(RejectedLine.class);
        return (RejectedLine) lines.get(0);
    }

    /** Quotes a value the way Asterisk does, doubling inner quotes. */
    static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /**
     * Builds an 18-column Asterisk record (with uniqueid and userfield) whose other columns hold typical values.
     * Duration and billsec are written unquoted, as Asterisk does.
     */
    static String asteriskRecord(String src, String dst, String start, String answer, String duration,
            String billsec, String disposition, String uniqueId) {
        return String.join(",", quote(""), quote(src), quote(dst), quote("hq"),
                quote("\"Robin Hale\" <" + src + ">"), quote("SIP/100-00000001"), quote("SIP/200-00000002"),
                quote("Dial"), quote("SIP/200,30"), quote(start), quote(answer), quote("2017-06-20 09:58:06"),
                duration, billsec, quote(disposition), quote("DOCUMENTATION"), quote(uniqueId), quote(""));
    }

    /** Builds an answered 18-column Asterisk record that starts at {@code start}. */
    static String answeredAsteriskRecord(String start, String uniqueId) {
        return asteriskRecord("202-555-0161", "202-555-0152", start, start, "524", "514", "ANSWERED", uniqueId);
    }

    /** Builds a 15-column FreeSWITCH record from the stock template, quoted but not escaped. */
    static String freeSwitchRecord(String callerName, String callerNumber, String destination, String start,
            String answer, String duration, String billsec, String uuid) {
        return String.join(",", "\"" + callerName + "\"", "\"" + callerNumber + "\"", "\"" + destination + "\"",
                "\"default\"", "\"" + start + "\"", "\"" + answer + "\"", "\"2010-06-01 10:05:00\"",
                "\"" + duration + "\"", "\"" + billsec + "\"", "\"NORMAL_CLEARING\"", "\"" + uuid + "\"",
                "\"\"", "\"\"", "\"PCMU\"", "\"PCMU\"");
    }
}
