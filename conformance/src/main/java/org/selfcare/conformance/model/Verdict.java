package org.selfcare.conformance.model;

/**
 * Outcome of one test case.
 */
public enum Verdict {

    /** The target meets the requirement in every way the case checked. */
    PASS,

    /** The target breaks the requirement; the reason names the problem. */
    FAIL,

    /** The case could not be exercised, for example because the profile lacks an account; the reason says why. */
    INCONCLUSIVE,

    /** A person must read a document or configuration; the reason names it and what to look for. */
    REVIEW;

    /**
     * Returns how bad this verdict is for a release, from 0 (PASS) to 3 (FAIL), so that a run can be compared
     * with an expected list.
     */
    public int severity() {
        return switch (this) {
            case PASS -> 0;
            case REVIEW -> 1;
            case INCONCLUSIVE -> 2;
            case FAIL -> 3;
        };
    }
}
