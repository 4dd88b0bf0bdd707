package org.selfcare.stepup;

import java.util.Optional;

/**
 * Purpose of a second authentication. A proof for one purpose never satisfies another.
 */
public enum Purpose {

    /** Reading call records, on the page and through the API. */
    CALL_RECORDS("call-records", "/calls", true),

    /**
     * Paying for one order while the subscriber is at risk. Confirmed per operation through
     * {@link OperationConfirmation}: the SMS names the order and the amount, and the code serves that payment only.
     */
    PAYMENT("payment", "/orders", false),

    /**
     * Subscribing to or cancelling one value-added service. Confirmed per operation through
     * {@link OperationConfirmation}: the SMS names the service and the fee, and the code serves that change only.
     */
    SUBSCRIPTION("subscription", "/subscriptions", false),

    /**
     * Proving identity with an SMS code at the first sign-in. It grants no step-up proof, so the step-up API and page
     * do not offer it.
     */
    FIRST_SIGN_IN("first-sign-in", "/first-sign-in", false);

    private final String pathName;

    private final String returnPath;

    private final boolean offeredByStepUp;

    Purpose(String pathName, String returnPath, boolean offeredByStepUp) {
        this.pathName = pathName;
        this.returnPath = returnPath;
        this.offeredByStepUp = offeredByStepUp;
    }

    /**
     * Returns the purpose's name in URLs and JSON, such as {@code call-records}.
     */
    public String pathName() {
        return pathName;
    }

    /** Whether a proof is made for one operation at a time, never kept for the session. */
    public boolean confirmedPerOperation() {
        return this == PAYMENT || this == SUBSCRIPTION;
    }

    /**
     * Returns the page the step-up page sends the browser to after a proof.
     */
    String returnPath() {
        return returnPath;
    }

    /**
     * Finds the step-up purpose with the given {@link #pathName()}, or empty when there is none.
     */
    public static Optional<Purpose> fromPathName(String pathName) {
        for (Purpose purpose : values()) {
            if (purpose.offeredByStepUp && purpose.pathName.equals(pathName)) {
                return Optional.of(purpose);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the purpose confirmed per operation with the given {@link #pathName()}, or empty when there is none.
     */
    public static Optional<Purpose> confirmedPerOperation(String pathName) {
        for (Purpose purpose : values()) {
            if (purpose.confirmedPerOperation() && purpose.pathName.equals(pathName)) {
                return Optional.of(purpose);
            }
        }
        return Optional.empty();
    }
}
