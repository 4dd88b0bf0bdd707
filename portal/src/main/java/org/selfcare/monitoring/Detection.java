package org.selfcare.monitoring;

import java.util.Objects;

/**
 * What a detector found: which pattern, how severe, about whom, and the numbers in plain words.
 *
 * @param detector the detector's name
 * @param severity warning or severe
 * @param subscriberId the subscriber concerned, or {@code null} for a service-wide detection
 * @param serviceCode the service concerned, or {@code null}
 * @param summary what was seen, such as {@code 9 orders in 1 hour, usually 0.2}
 */
record Detection(String detector, Alert.Severity severity, Long subscriberId, String serviceCode, String summary) {

    Detection {
        Objects.requireNonNull(detector, "detector must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(summary, "summary must not be null");
        if (subscriberId == null && serviceCode == null) {
            throw new IllegalArgumentException("A detection concerns a subscriber or a service");
        }
    }

    /**
     * Returns the severity that {@code count} reaches, or {@code null} below the warning threshold.
     */
    static Alert.Severity severityOf(long count, int warningCount, int severeCount) {
        if (count >= severeCount) {
            return Alert.Severity.SEVERE;
        }
        return count >= warningCount ? Alert.Severity.WARNING : null;
    }
}
