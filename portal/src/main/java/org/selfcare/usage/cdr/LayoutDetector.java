package org.selfcare.usage.cdr;

import java.util.List;

/**
 * Chooses the layout of a file from its first record.
 */
final class LayoutDetector {

    static final List<String> MOBILE_LOG_HEADER =
            List.of("user", "other", "direction", "duration", "timestamp", "antenna_id", "cost");

    static final int FREESWITCH_COLUMNS = 15;

    private LayoutDetector() {
    }

    /**
     * Returns the layout whose shape the first record has: the mobile log header, 15 columns for FreeSWITCH, or
     * 16, 18 or 21 columns for Asterisk.
     *
     * @throws CdrLayoutException when the record has none of these shapes
     */
    static CdrLayout detect(SourceRecord first) throws CdrLayoutException {
        int columns = first.values().size();
        if (isMobileLogHeader(first.values())) {
            return CdrLayout.MOBILE_LOG;
        }
        if (columns == FREESWITCH_COLUMNS) {
            return CdrLayout.FREESWITCH;
        }
        if (AsteriskRecordParser.COLUMN_COUNTS.contains(columns)) {
            return CdrLayout.ASTERISK;
        }
        throw new CdrLayoutException("cannot detect the layout: first record has " + columns + " columns on line "
                + first.lineNumber() + ", but Asterisk files have 16, 18 or 21, FreeSWITCH files have 15, and mobile"
                + " call logs start with the header " + String.join(",", MOBILE_LOG_HEADER)
                + ". Set CdrReadOptions.layout if the file has one of these layouts.");
    }

    /**
     * Returns whether {@code values} is the mobile log header, ignoring case and surrounding spaces.
     */
    static boolean isMobileLogHeader(List<String> values) {
        if (values.size() != MOBILE_LOG_HEADER.size()) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).trim().equalsIgnoreCase(MOBILE_LOG_HEADER.get(i))) {
                return false;
            }
        }
        return true;
    }
}
