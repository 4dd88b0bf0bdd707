package org.selfcare.usage.cdr;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Parses FreeSWITCH {@code mod_cdr_csv} records written with the stock 15-column template.
 *
 * <p>Columns: caller_id_name, caller_id_number, destination_number, context, start_stamp, answer_stamp, end_stamp,
 * duration, billsec, hangup_cause, uuid, bleg_uuid, accountcode, read_codec, write_codec. The template quotes values
 * but does not escape them, so a comma inside a value splits it and the record has too many columns. Such records
 * are rejected because every value after the comma sits one column to the right of its name.
 *
 * <p>A call counts as answered when answer_stamp is not empty. An answered call with billsec 0 stays answered with
 * 0 billable seconds. Times have no offset and are read in the source zone. When a daylight-saving change makes
 * start_stamp occur twice, the earlier offset wins because the record carries no epoch to decide with.
 */
final class FreeSwitchRecordParser implements CdrRecordParser {

    private static final int CALLER_ID_NUMBER = 1;
    private static final int DESTINATION_NUMBER = 2;
    private static final int START_STAMP = 4;
    private static final int ANSWER_STAMP = 5;
    private static final int DURATION = 7;
    private static final int BILLSEC = 8;
    private static final int UUID = 10;

    private final SwitchClock clock;

    FreeSwitchRecordParser(SwitchClock clock) {
        this.clock = clock;
    }

    @Override
    public CallLine parse(SourceRecord record) throws InvalidRecordException {
        List<String> values = record.values();
        if (values.size() != LayoutDetector.FREESWITCH_COLUMNS) {
            String hint = values.size() > LayoutDetector.FREESWITCH_COLUMNS
                    ? " (a comma inside a value such as the caller name? FreeSWITCH does not escape it)"
                    : "";
            throw new InvalidRecordException(
                    "expected " + LayoutDetector.FREESWITCH_COLUMNS + " columns but found " + values.size() + hint);
        }

        String uuid = values.get(UUID).trim();
        if (uuid.isEmpty()) {
            throw new InvalidRecordException("uuid is empty, so the call cannot be identified");
        }

        Instant startedAt = clock.toInstant("start_stamp", values.get(START_STAMP), OptionalLong.empty());
        int duration = Durations.parseSeconds("duration", values.get(DURATION));
        int billsec = Durations.parseSeconds("billsec", values.get(BILLSEC));

        boolean answered = !values.get(ANSWER_STAMP).isBlank();
        int billable = answered ? billsec : 0;

        return new CallLine(record.lineNumber(), "freeswitch:" + uuid, values.get(CALLER_ID_NUMBER),
                values.get(DESTINATION_NUMBER), startedAt, duration, billable, answered);
    }
}
