package org.selfcare.usage.cdr;

/**
 * A record that was skipped, with the reason in plain words for the import report.
 */
public record RejectedLine(long lineNumber, String reason) implements CdrLine {
}
