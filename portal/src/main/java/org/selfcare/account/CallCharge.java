package org.selfcare.account;

import java.time.Instant;

/**
 * The price of one answered call, to be debited from the caller's balance.
 *
 * @param subscriberId the caller
 * @param amountMinor the positive price in minor units of the deployment's currency
 * @param reference key of the call; posting the same reference twice debits once
 * @param description line shown on the subscriber's statement
 * @param occurredAt when the call started
 */
public record CallCharge(long subscriberId, long amountMinor, String reference, String description,
        Instant occurredAt) {
}
