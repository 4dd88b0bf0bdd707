package org.selfcare.usage.cdr;

import java.time.Instant;
import java.util.Objects;

/**
 * A call as the switch recorded it, before it is matched to a subscriber or rated.
 *
 * @param lineNumber 1-based line on which the record starts
 * @param recordKey key that identifies the call across files, such as {@code asterisk:1497952162.0}; rows that
 *        describe the same call share it
 * @param callingNumber the A-party exactly as exported
 * @param calledNumber the B-party exactly as exported
 * @param startedAt when the call started
 * @param durationSeconds whole seconds from start to end
 * @param billableSeconds whole seconds from answer to end, 0 when unanswered
 * @param answered whether the B-party answered
 */
public record CallLine(long lineNumber, String recordKey, String callingNumber, String calledNumber,
        Instant startedAt, int durationSeconds, int billableSeconds, boolean answered) implements CdrLine {

    public CallLine {
        Objects.requireNonNull(recordKey, "recordKey must not be null");
        Objects.requireNonNull(callingNumber, "callingNumber must not be null");
        Objects.requireNonNull(calledNumber, "calledNumber must not be null");
        Objects.requireNonNull(startedAt, "startedAt must not be null");
    }
}
