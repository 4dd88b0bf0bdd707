package org.selfcare.usage.cdr;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Checks that apply to calls of every layout. Both numbers must look like phone numbers, and the call must not
 * start before the earliest accepted instant.
 */
final class CallLineChecks {

    /** A number such as {@code 4.88E+31}, which a spreadsheet writes when it takes a long number for a float. */
    private static final Pattern SCIENTIFIC_NOTATION = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?[eE][+-]?\\d+");

    private static final String ALLOWED_NUMBER_CHARS = "0123456789 +-().*#";

    private final Instant earliestAccepted;
    private final String recordingDevice;

    /**
     * @param recordingDevice what wrote the times, such as "phone" or "switch", named in the message for an early call
     */
    CallLineChecks(Instant earliestAccepted, String recordingDevice) {
        this.earliestAccepted = earliestAccepted;
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
