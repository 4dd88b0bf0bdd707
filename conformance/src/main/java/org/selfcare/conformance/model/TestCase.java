package org.selfcare.conformance.model;

/**
 * One X.1470 test case the kit can run.
 */
public interface TestCase {

    CaseDescription description();

    /**
     * Runs the case against the target. An implementation records the exchanges it relied on through
     * {@code context} and returns a verdict; it throws only for faults of the kit itself.
     */
    CaseResult run(CaseContext context);

    default String id() {
        return description().id();
    }
}
