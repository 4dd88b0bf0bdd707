package org.selfcare.conformance.host;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.host.document.SecurityConfiguration;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.Verdict;

/**
 * T-1-1, host half: the software bill of materials exists, the anti-virus daemon runs with fresh signatures, and
 * a patch routine is declared. Whether the routine is followed is for a person to confirm, so a host that passes
 * ends in REVIEW. The web half runs in {@code x1470 run}.
 */
final class ComponentsCheck implements HostCheck {

    private final CaseDescription description = CaseCatalog.get("T-1-1");

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public CaseResult run(HostContext context) {
        Findings findings = new Findings();
        new SbomCheck(context, findings).run();
        new AntivirusCheck(context, findings).run();

        SecurityConfiguration document = context.document();
        if (document.patching().isEmpty()) {
            findings.fail("the document declares no patch routine (patching)");
            return context.result(description, findings, Verdict.PASS, "");
        }
        document.patching().forEach((patch) -> findings.pass("patch routine declared: " + patch.what() + " by "
                + patch.how() + ", every " + patch.every()));
        return context.result(description, findings, Verdict.REVIEW, "read the patching section ("
                + document.where(document.patchingLine()) + ") and confirm each routine is followed");
    }
}
