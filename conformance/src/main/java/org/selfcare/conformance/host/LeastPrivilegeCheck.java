package org.selfcare.conformance.host;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.Verdict;

/**
 * T-1-4: the portal's process and its database roles have only the rights the document grants them.
 */
final class LeastPrivilegeCheck implements HostCheck {

    private final CaseDescription description = CaseCatalog.get("T-1-4");

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public CaseResult run(HostContext context) {
        Findings findings = new Findings();
        new PortalProcessCheck(context, findings).run();
        new DatabaseRoleCheck(context, findings).run();
        return context.result(description, findings, Verdict.PASS, "the portal's process and database roles have "
                + "no right beyond those the document grants");
    }
}
