package org.selfcare.usage.cdr;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Parses records of a mobile operator's call log with the columns user, other, direction, duration, timestamp,
 * antenna_id and cost.
 *
 * <p>direction is Incoming, Outgoing or Missed. For Outgoing the user is the calling number, otherwise the other
 * party is. A call counts as answered when it is not Missed and its duration is greater than 0, and then all of
 * the duration is billable. The timestamp carries its own offset, such as {@code Thu Sep 09 19:51:30 +0100 2010}.
 * antenna_id and cost are ignored because cost has no documented unit.
 *
 * <p>The log has no call id, so the record key is {@code mobile:} followed by the SHA-256 of the raw values
 * user|other|direction|duration|timestamp.
 */
final class MobileLogRecordParser implements CdrRecordParser {

    private static final int USER = 0;
    private static final int OTHER = 1;
    private static final int DIRECTION = 2;
    private static final int DURATION = 3;
    private static final int TIMESTAMP = 4;

    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

    @Override
    public CallLine parse(SourceRecord record) throws InvalidRecordException {
        List<String> values = record.values();
        int expectedColumns = LayoutDetector.MOBILE_LOG_HEADER.size();
        if (values.size() != expectedColumns) {
            throw new InvalidRecordException("expected " + expectedColumns + " columns but found " + values.size());
        }

        String user = values.get(USER);
        String other = values.get(OTHER);
        String direction = values.get(DIRECTION).trim();
        String timestamp = values.get(TIMESTAMP);

        boolean outgoing = direction.equals("Outgoing");
        boolean missed = direction.equals("Missed");
        if (!outgoing && !missed && !direction.equals("Incoming")) {
            throw new InvalidRecordException(
                    "direction \"" + values.get(DIRECTION) + "\" is not Incoming, Outgoing or Missed");
        }

        int duration = Durations.parseSeconds("duration", values.get(DURATION));
        Instant startedAt = parseTimestamp(timestamp);

        boolean answered = !missed && duration > 0;
        int billable = answered ? duration : 0;
        String key = RecordKeys.sha256Hex(user, other, values.get(DIRECTION), values.get(DURATION), timestamp);

        return new CallLine(record.lineNumber(), "mobile:" + key, outgoing ? user : other, outgoing ? other : user,
                startedAt, duration, billable, answered);
    }

    private static Instant parseTimestamp(String value) throws InvalidRecordException {
        try {
            return OffsetDateTime.parse(value.trim(), TIMESTAMP_FORMAT).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException("timestamp \"" + value
                    + "\" is not a valid time in the form EEE MMM dd HH:mm:ss Z yyyy, such as Thu Sep 09 19:51:30 +0100 2010");
        }
    }
}
