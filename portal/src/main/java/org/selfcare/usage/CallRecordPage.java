package org.selfcare.usage;

import java.util.List;

import org.selfcare.integrity.SealedRecord;

/**
 * One page of call records, newest first.
 *
 * @param records the records on this page; a record whose seal fails is withheld, only its id shown
 * @param nextCursor opaque cursor for the next, older page, or {@code null} on the last page
 */
public record CallRecordPage(List<SealedRecord<CallRecord>> records, String nextCursor) {
}
