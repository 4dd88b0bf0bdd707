package org.selfcare.account;

import java.util.List;

import org.selfcare.integrity.SealedRecord;

/**
 * One page of payments, newest first.
 *
 * @param payments the payments on this page; a payment whose seal fails is withheld, only its id shown
 * @param nextCursor opaque cursor for the next, older page, or {@code null} on the last page
 */
public record PaymentPage(List<SealedRecord<Payment>> payments, String nextCursor) {
}
