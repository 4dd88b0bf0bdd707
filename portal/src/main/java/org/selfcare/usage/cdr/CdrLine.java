package org.selfcare.usage.cdr;

/**
 * One record read from a switch export: either a call or a line that could not be used.
 */
public sealed interface CdrLine permits CallLine, RejectedLine {

    /**
     * Returns the 1-based line number at which the record starts in the file.
     */
    long lineNumber();
}
