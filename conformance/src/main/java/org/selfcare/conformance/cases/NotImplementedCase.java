package org.selfcare.conformance.cases;

import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;

/**
 * A registered case this version of the kit cannot exercise yet; it always reports INCONCLUSIVE.
 */
final class NotImplementedCase implements TestCase {

    static final String REASON = CaseRegistry.NOT_IMPLEMENTED_REASON;

    private final CaseDescription description;

    NotImplementedCase(CaseDescription description) {
        this.description = description;
    }

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public CaseResult run(CaseContext context) {
        return context.result(description, Verdict.INCONCLUSIVE, REASON);
    }
}
