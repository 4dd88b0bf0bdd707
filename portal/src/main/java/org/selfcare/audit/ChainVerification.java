package org.selfcare.audit;

/**
 * The result of verifying the security event chain: intact, or the first broken link.
 *
 * @param eventsChecked rows read before the verification stopped
 * @param brokenEventId the id of the first row that breaks the chain, or {@code null} when the chain is intact
 *        or the break concerns no single row (a wrong key)
 * @param problem what is wrong, or {@code null} when the chain is intact
 * @param detail the break in plain words, naming the rows involved, or {@code null} when the chain is intact
 */
public record ChainVerification(long eventsChecked, Long brokenEventId, Problem problem, String detail) {

    /**
     * Kinds of broken link.
     */
    public enum Problem {

        /** A row's fields or hash no longer match: it was edited, or written by someone without the key. */
        EDITED,

        /** A row was chained after a row that no longer exists: rows were deleted. */
        MISSING,

        /** A row was chained after a row other than the one before it: it was inserted or moved. */
        OUT_OF_ORDER,

        /** The key in the data folder is not the key the chain was written with. */
        WRONG_KEY
    }

    static ChainVerification intact(long eventsChecked) {
        return new ChainVerification(eventsChecked, null, null, null);
    }

    public boolean isIntact() {
        return problem == null;
    }

    /**
     * Returns one line for a log or a terminal.
     */
    public String summary() {
        if (isIntact()) {
            return "Security event log intact: " + eventsChecked + " events checked";
        }
        String where = (brokenEventId != null) ? " at event " + brokenEventId : "";
        return "Security event log broken" + where + " (" + problem + "): " + detail;
    }
}
