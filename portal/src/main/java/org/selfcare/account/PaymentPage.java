package org.selfcare.account;

import java.util.List;

/**
 * One page of payments, newest first.
 *
 * @param payments the payments on this page
 * @param nextCursor opaque cursor for the next, older page, or {@code null} on the last page
 */
public record PaymentPage(List<Payment> payments, String nextCursor) {
}
