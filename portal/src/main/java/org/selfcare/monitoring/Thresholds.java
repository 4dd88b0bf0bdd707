package org.selfcare.monitoring;

import java.time.Duration;

/**
 * Checks shared by the detectors' properties: a severe threshold above the warning one, and a history longer
 * than the window it is compared with. Bean validation checks each value alone; these check values together.
 */
final class Thresholds {

    private Thresholds() {
    }

    static void requireSevereAboveWarning(String prefix, int warningCount, int severeCount) {
        if (severeCount <= warningCount) {
            throw new IllegalArgumentException(prefix + ".severe-count (" + severeCount
                    + ") must be greater than " + prefix + ".warning-count (" + warningCount + ")");
        }
    }

    static void requireLonger(String prefix, String longName, Duration longer, String shortName, Duration shorter) {
        if (longer != null && shorter != null && longer.compareTo(shorter) <= 0) {
            throw new IllegalArgumentException(prefix + "." + longName + " (" + longer + ") must be longer than "
                    + prefix + "." + shortName + " (" + shorter + ")");
        }
    }
}
