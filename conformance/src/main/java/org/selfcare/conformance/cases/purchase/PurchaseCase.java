package org.selfcare.conformance.cases.purchase;

import java.util.Optional;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;

/**
 * A purchase case: it ends INCONCLUSIVE with the reason when a precondition is missing, and otherwise runs with
 * the first account signed in and ready to buy.
 */
abstract class PurchaseCase implements TestCase {

    private final CaseDescription description;

    PurchaseCase(String id) {
        this.description = CaseCatalog.get(id);
    }

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public final CaseResult run(CaseContext context) {
        Optional<String> missing = missingPrecondition(context);
        if (missing.isPresent()) {
            return context.result(description, Verdict.INCONCLUSIVE, missing.get());
        }
        Shopper shopper;
        try {
            shopper = Shopper.open(context);
        }
        catch (Shopper.NotReady ex) {
            return context.result(description, Verdict.INCONCLUSIVE, ex.getMessage());
        }
        return run(context, shopper);
    }

    /**
     * Returns why the case cannot run before it signs in, such as a missing profile section, or empty.
     */
    Optional<String> missingPrecondition(CaseContext context) {
        return Optional.empty();
    }

    abstract CaseResult run(CaseContext context, Shopper shopper);
}
