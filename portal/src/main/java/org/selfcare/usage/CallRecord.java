package org.selfcare.usage;

import java.time.Instant;

/**
 * A call as the subscriber sees it in their records.
 *
 * @param id database id
 * @param direction {@code OUTGOING} or {@code INCOMING}
 * @param otherParty the other number as the switch exported it
 * @param startedAt when the call started
 * @param durationSeconds whole seconds from start to end
 * @param billableSeconds whole seconds from answer to end
 * @param answered whether the call was answered
 * @param chargeMinor price in minor units of {@code currency}; 0 for incoming and unanswered calls
 * @param currency ISO 4217 code
 */
public record CallRecord(long id, String direction, String otherParty, Instant startedAt, int durationSeconds,
        int billableSeconds, boolean answered, long chargeMinor, String currency) {
}
