package org.selfcare.operator;

/**
 * Thrown when a subscriber with the requested phone number exists already. Nothing was created.
 */
public class DuplicateSubscriberException extends RuntimeException {

    private final String msisdnE164;

    DuplicateSubscriberException(String msisdnE164) {
        super("A subscriber with phone number " + msisdnE164 + " already exists.");
        this.msisdnE164 = msisdnE164;
    }

    public String msisdnE164() {
        return msisdnE164;
    }
}
