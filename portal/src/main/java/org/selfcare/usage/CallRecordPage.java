package org.selfcare.usage;

import java.util.List;

/**
 * One page of call records, newest first.
 *
 * @param records the records on this page
 * @param nextCursor opaque cursor for the next, older page, or {@code null} on the last page
 */
public record CallRecordPage(List<CallRecord> records, String nextCursor) {
}
