package org.selfcare.account;

import java.time.Instant;

/**
 * A payment a subscriber made into their prepaid account.
 */
public record Payment(long id, Money amount, PaymentChannel channel, PaymentStatus status, String reference,
        Instant paidAt) {
}
