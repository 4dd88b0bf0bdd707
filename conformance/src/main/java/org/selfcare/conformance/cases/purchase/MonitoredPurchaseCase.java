package org.selfcare.conformance.cases.purchase;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.cases.subscriber.TestSubscribers;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.ProfileType;

/**
 * A case that produces each {@link PurchasePattern} with a fresh subscriber and judges what the target did
 * with the next payment. It needs the {@code purchase:}, {@code provisioning:} and {@code sms:} sections,
 * because abnormal behaviour must never be produced with the profile's own accounts.
 */
abstract class MonitoredPurchaseCase implements TestCase {

    private final CaseDescription description;

    MonitoredPurchaseCase(String id) {
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
        Findings findings = new Findings();
        List<PatternRun.Outcome> outcomes = new ArrayList<>();
        for (PurchasePattern pattern : PurchasePattern.values()) {
            Optional<PatternRun.Outcome> outcome = PatternRun.run(context, pattern, findings);
            if (outcome.isPresent()) {
                judge(context, outcome.get(), findings);
                outcome.get().shopper().cancelUnpaid(findings);
                outcomes.add(outcome.get());
            }
        }
        conclude(outcomes, findings);
        return context.result(description, findings, passReason());
    }

    private static Optional<String> missingPrecondition(CaseContext context) {
        if (context.profile().type() != ProfileType.SELFCARE) {
            return Optional.of("needs Selfcare's purchase and operator API, which only selfcare profiles describe "
                    + "to the kit");
        }
        if (context.profile().purchase().isEmpty()) {
            return Optional.of("the profile has no purchase: section; add purchase: {item: ...} with the id of a "
                    + "catalogue item, such as recharge-5");
        }
        return TestSubscribers.missingSections(context.profile());
    }

    /**
     * Judges one pattern's outcome into the findings.
     */
    abstract void judge(CaseContext context, PatternRun.Outcome outcome, Findings findings);

    /**
     * Adds findings about all patterns together, after each was judged.
     */
    void conclude(List<PatternRun.Outcome> outcomes, Findings findings) {
    }

    abstract String passReason();

    /** Returns how the target answered the payment after the pattern, for findings. */
    static String answer(PatternRun.Outcome outcome) {
        return outcome.stepUp().map(Object::toString).orElse(Shopper.describe(outcome.payment()));
    }
}
