package org.selfcare.usage.cdr;

import java.io.IOException;

/**
 * Thrown when the text from a record's first line on is not valid CSV. The CSV parser cannot find the next
 * record after such an error, so reading stops there.
 */
final class InvalidCsvException extends IOException {

    private final long lineNumber;

    InvalidCsvException(long lineNumber, String message, Throwable cause) {
        super(message, cause);
        this.lineNumber = lineNumber;
    }

    /**
     * Returns the 1-based line on which the unreadable record starts.
     */
    long lineNumber() {
        return lineNumber;
    }
}
