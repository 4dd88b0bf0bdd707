package org.selfcare.usage.cdr;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Asterisk {@code cdr-csv} records (Master.csv).
 *
 * <p>Columns: accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end,
 * duration, billsec, disposition, amaflags, then optionally uniqueid and userfield (18 columns), then peeraccount,
 * linkedid and sequence (21 columns). Each record may have any of the three counts, because Master.csv is appended
 * to and a configuration change can add columns in the middle of a file.
 *
 * <p>A call counts as answered when disposition is {@code ANSWERED} and the answer time is not empty. An answered
 * call with billsec 0 stays answered with 0 billable seconds. Any other disposition ({@code NO ANSWER},
 * {@code BUSY}, {@code FAILED}, {@code CONGESTION}) is unanswered with 0 billable seconds, even when billsec is
 * greater than 0, which real exports contain (demo/asterisk-master.csv has five such NO ANSWER rows).
 *
 * <p>The record key is {@code asterisk:} followed by the uniqueid, so the rows that Asterisk writes for one call
 * (ring groups, queues) share it. Without a uniqueid it is {@code asterisk:} followed by the SHA-256 of
 * src|dst|start|channel|dstchannel.
 */
final class AsteriskRecordParser implements CdrRecordParser {

    static final Set<Integer> COLUMN_COUNTS = Set.of(16, 18, 21);

    private static final int SRC = 1;
    private static final int DST = 2;
    private static final int CHANNEL = 5;
    private static final int DSTCHANNEL = 6;
    private static final int START = 9;
    private static final int ANSWER = 10;
    private static final int DURATION = 12;
    private static final int BILLSEC = 13;
    private static final int DISPOSITION = 14;
    private static final int UNIQUEID = 16;

    /**
     * Unix epoch seconds, a dot and a call counter, such as {@code 1267568856.11} (docs.asterisk.org, "Using the
     * CONTEXT, EXTEN, PRIORITY, UNIQUEID, and CHANNEL Variables"). The systemname option in asterisk.conf adds a
     * prefix, which this pattern expects to end with a dash. Twelve digits reach past the year 30000, so every match
     * fits in an {@link java.time.Instant}.
     */
    private static final Pattern UNIQUEID_EPOCH = Pattern.compile("(?:.+-)?(\\d{1,12})\\.\\d+");

    private final SwitchClock clock;

    AsteriskRecordParser(SwitchClock clock) {
        this.clock = clock;
    }

    @Override
    public CallLine parse(SourceRecord record) throws InvalidRecordException {
        List<String> values = record.values();
        if (!COLUMN_COUNTS.contains(values.size())) {
            throw new InvalidRecordException("expected 16, 18 or 21 columns but found " + values.size());
        }

        String src = values.get(SRC);
        String dst = values.get(DST);
        String start = values.get(START);
        String uniqueId = values.size() > UNIQUEID ? values.get(UNIQUEID).trim() : "";

        Instant startedAt = clock.toInstant("start", start, epochOf(uniqueId));
        int duration = Durations.parseSeconds("duration", values.get(DURATION));
        int billsec = Durations.parseSeconds("billsec", values.get(BILLSEC));

        boolean answered = values.get(DISPOSITION).trim().equals("ANSWERED") && !values.get(ANSWER).isBlank();
        int billable = answered ? billsec : 0;

        String key = uniqueId.isEmpty()
                ? RecordKeys.sha256Hex(src, dst, start, values.get(CHANNEL), values.get(DSTCHANNEL))
                : uniqueId;

        return new CallLine(record.lineNumber(), "asterisk:" + key, src, dst, startedAt, duration, billable, answered);
    }

    /**
     * Returns the Unix epoch seconds at the start of a uniqueid such as {@code 1497952162.0}, or empty when the
     * uniqueid has another form.
     */
    static OptionalLong epochOf(String uniqueId) {
        Matcher matcher = UNIQUEID_EPOCH.matcher(uniqueId);
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(matcher.group(1)));
    }
}
