package org.selfcare.usage.cdr;

import java.util.List;

/**
 * The values of one CSV record and the 1-based line on which the record starts.
 */
record SourceRecord(long lineNumber, List<String> values) {

    SourceRecord {
        values = List.copyOf(values);
    }
}
