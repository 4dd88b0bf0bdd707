package org.selfcare.audit;

import java.time.Instant;

/**
 * One row of the {@code security_event} table as stored, with its place in the chain.
 *
 * @param id the row's id, or {@code null} before it is inserted
 * @param occurredAt when the event happened, in microseconds as PostgreSQL stores it
 * @param type the {@link SecurityEventType} name
 * @param previousHash the hash of the row before it, or {@link ChainKey#GENESIS_HASH} for the first row
 * @param hash this row's hash
 */
record ChainedEvent(Long id, Instant occurredAt, String type, Long subscriberId, String identifier,
        String clientAddress, String outcome, String reason, String previousHash, String hash) {
}
