package org.selfcare.usage.cdr;

/**
 * Thrown when a record cannot become a call. The message becomes the reason of the {@link RejectedLine}.
 */
final class InvalidRecordException extends Exception {

    InvalidRecordException(String reason) {
        super(reason);
    }
}
