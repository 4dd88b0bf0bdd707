package org.selfcare.usage.cdr;

/**
 * Parses whole-second counts such as Asterisk's {@code duration} and {@code billsec}.
 */
final class Durations {

    private Durations() {
    }

    /**
     * Returns {@code value} as a count of seconds, ignoring surrounding spaces.
     *
     * @param column name of the column in the export, used in the message
     * @throws InvalidRecordException when the value is empty, not a whole number, too large for an int, or negative
     */
    static int parseSeconds(String column, String value) throws InvalidRecordException {
        String text = value.trim();
        if (text.isEmpty()) {
            throw new InvalidRecordException(column + " is empty");
        }

        long seconds;
        try {
            seconds = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidRecordException(column + " \"" + value + "\" is not a whole number of seconds");
        }

        if (seconds < 0) {
            // Switches compute durations from local wall-clock times, so a call that spans a backward
            // clock change can come out negative.
            throw new InvalidRecordException("negative " + column + " " + seconds + " s (clock change during the call?)");
        }
        if (seconds > Integer.MAX_VALUE) {
            throw new InvalidRecordException(column + " " + seconds + " s is too large (more than 68 years)");
        }
        return (int) seconds;
    }
}
