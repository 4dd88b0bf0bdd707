package org.selfcare.audit;

import java.time.Instant;

/**
 * A security event as stored, for the operator console's lists.
 *
 * @param id its place in the chain
 */
public record RecordedSecurityEvent(long id, Instant occurredAt, String type, Long subscriberId, String identifier,
        String clientAddress, String outcome, String reason) {
}
