package org.selfcare.stepup;

import java.util.Optional;

/**
 * Purpose of a second authentication. A proof for one purpose never satisfies another.
 */
public enum Purpose {

    /** Reading call records, on the page and through the API. */
    CALL_RECORDS("call-records", "/calls", true),

    /**
     * Paying. NOTE: no payment requires this purpose yet. When one does, the proof must carry the amount and the
     * payee and the SMS must show them, so that a proof covers exactly one payment.
     */
    PAYMENT("payment", "/payments", true),

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
}
