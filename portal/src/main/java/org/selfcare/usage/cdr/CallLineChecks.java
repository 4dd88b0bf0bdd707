package org.selfcare.usage.cdr;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Checks that apply to calls of every layout. Both numbers must look like phone numbers, and the call must start
 * neither before the earliest accepted instant nor more than {@link #FUTURE_TOLERANCE} after the file was opened.
 */
final class CallLineChecks {

    /** A number such as {@code 4.88E+31}, which a spreadsheet writes when it takes a long number for a float. */
    private static final Pattern SCIENTIFIC_NOTATION = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?[eE][+-]?\\d+");

    private static final String ALLOWED_NUMBER_CHARS = "0123456789 +-().*#";

    /**
     * How far ahead of the time of reading a call may start. A switch clock a little fast, or a zone given wrongly
     * by up to 14 hours, stays within it. A wrong year does not, because such a call would be charged at once.
     */
    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private final Instant earliestAccepted;
    private final Instant latestAccepted;
    private final String recordingDevice;

    /**
     * @param latestAccepted start after which a call is rejected, the time of reading plus {@link #FUTURE_TOLERANCE}
     * @param recordingDevice what wrote the times, such as "phone" or "switch", named in the message for a call out
     *        of range
     */
    CallLineChecks(Instant earliestAccepted, Instant latestAccepted, String recordingDevice) {
        this.earliestAccepted = earliestAccepted;
        this.latestAccepted = latestAccepted;
        this.recordingDevice = recordingDevice;
    }

    /**
     * Throws unless both numbers and the start time of {@code call} are acceptable.
     */
    void check(CallLine call) throws InvalidRecordException {
        checkNumber("calling number", call.callingNumber());
        checkNumber("called number", call.calledNumber());

        if (call.startedAt().isBefore(earliestAccepted)) {
            throw new InvalidRecordException("started " + call.startedAt() + ", before the earliest accepted date "
                    + describeEarliestAccepted() + ", so the " + recordingDevice + "'s clock was probably wrong");
        }
        if (call.startedAt().isAfter(latestAccepted)) {
            throw new InvalidRecordException("started " + call.startedAt() + ", more than a day after the file was "
                    + "read, so the " + recordingDevice + "'s clock or the year was probably wrong");
        }
    }

    private static void checkNumber(String role, String number) throws InvalidRecordException {
        String text = number.trim();
        if (text.isEmpty()) {
            throw new InvalidRecordException(role + " is empty");
        }
        if (SCIENTIFIC_NOTATION.matcher(text).matches()) {
            throw new InvalidRecordException(
                    role + " \"" + number + "\" is in scientific notation (damaged by a spreadsheet)");
        }

        boolean hasDigit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ALLOWED_NUMBER_CHARS.indexOf(c) < 0) {
                throw new InvalidRecordException(role + " \"" + number + "\" contains '" + c
                        + "', but a number may contain only digits, spaces and + - ( ) . * #");
            }
            hasDigit |= Character.isDigit(c);
        }
        if (!hasDigit) {
            throw new InvalidRecordException(role + " \"" + number + "\" contains no digits");
        }
    }

    private String describeEarliestAccepted() {
        boolean midnightUtc = earliestAccepted.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
        return midnightUtc ? earliestAccepted.atOffset(ZoneOffset.UTC).toLocalDate().toString() : earliestAccepted.toString();
    }
}
