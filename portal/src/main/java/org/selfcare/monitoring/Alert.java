package org.selfcare.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One detection, as the operator console lists it.
 *
 * @param id the alert's number
 * @param detector which rule fired, such as {@code order-surge}
 * @param severity {@code warning} marks the subscriber at risk; {@code severe} also blocks their operations for a
 *        while
 * @param subscriberId the subscriber concerned, or {@code null} for a service-wide alert
 * @param serviceCode the service concerned, or {@code null}
 * @param summary what was seen, in plain words with the numbers, such as {@code 9 orders in 1 hour, usually 0.2}
 * @param raisedAt when it fired
 * @param resolvedAt when a member of staff resolved it, or {@code null} while open
 * @param resolvedBy the staff user who resolved it, or {@code null}
 * @param resolution what that user wrote, or {@code null}
 */
public record Alert(long id, String detector, Severity severity, Long subscriberId, String serviceCode, String summary,
        Instant raisedAt, Instant resolvedAt, String resolvedBy, String resolution) {

    public Alert {
        Objects.requireNonNull(detector, "detector must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(summary, "summary must not be null");
        Objects.requireNonNull(raisedAt, "raisedAt must not be null");
    }

    public boolean open() {
        return resolvedAt == null;
    }

    public enum Severity {
        WARNING, SEVERE
    }
}
