package org.selfcare.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One security event. It never carries a password, a code or a session id.
 *
 * @param type what happened
 * @param occurredAt when it happened
 * @param subscriberId the subscriber concerned, or {@code null} when the identifier matches none
 * @param identifier the identifier as the client sent it, such as a typed phone number, or {@code null}
 * @param clientAddress the client's IP address, or {@code null} outside a request
 * @param outcome a short word such as {@code success}, {@code failure}, {@code locked}
 * @param reason why, in plain words
 */
public record SecurityEvent(SecurityEventType type, Instant occurredAt, Long subscriberId, String identifier,
        String clientAddress, String outcome, String reason) {

    public SecurityEvent {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(occurredAt, "occurredAt must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null");
    }
}
