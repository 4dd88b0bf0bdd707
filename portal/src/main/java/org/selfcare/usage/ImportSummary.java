package org.selfcare.usage;

import org.selfcare.usage.cdr.CdrLayout;

/**
 * What one import did with each record of a file. Every record read is counted in exactly one of imported,
 * duplicates and rejected.
 *
 * @param importId id of the import in the {@code call_import} table
 * @param layout the layout the file was read as, or {@code null} for an empty file
 * @param read records read
 * @param imported records stored for the first time
 * @param duplicates records already stored by an earlier import, or repeated within this file
 * @param rejected records skipped, each reported with its line number and reason
 * @param charged new call charges debited from balances
 */
public record ImportSummary(long importId, CdrLayout layout, long read, long imported, long duplicates,
        long rejected, long charged) {
}
