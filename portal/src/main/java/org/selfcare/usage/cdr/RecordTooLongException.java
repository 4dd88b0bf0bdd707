package org.selfcare.usage.cdr;

import java.io.IOException;

/**
 * Thrown by {@link RecordLengthLimitReader} when one record grows past the limit.
 */
final class RecordTooLongException extends IOException {

    RecordTooLongException(long maxChars) {
        super("a record is longer than " + maxChars + " characters (a quoted value that is never closed?)");
    }
}
