package org.selfcare.conformance.cases.web;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;

/**
 * T-1-1, web part: scans the target for the known web vulnerabilities that the Recommendation names for the
 * fundamental components. Those are SQL injection, cross-site scripting, CSRF, unsafe file upload and weak
 * passwords, plus the information disclosure that points an attacker to a known exploit. The other half of
 * T-1-1, the patch and anti-virus routine, is written in the security configuration document, so a clean scan
 * ends in REVIEW rather than PASS.
 */
public final class KnownWebVulnerabilitiesCase implements TestCase {

    static final String REVIEW_REASON = "web probes found no known vulnerability; read the security configuration "
            + "document for the patch and anti-virus routine";

    private final CaseDescription description = CaseCatalog.get("T-1-1");

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public CaseResult run(CaseContext context) {
        Findings findings = new Findings();
        new DisclosureProbe(context, findings).run();
        new CrossSiteScriptingProbe(context, findings).run();
        new SqlInjectionProbe(context, findings).run();
        new CsrfProbe(context, findings).run();
        new UploadProbe(context, findings).run();
        // Last, because it spends failed sign-ins. It ends with a sign-in that resets the count.
        new DefaultPasswordProbe(context, findings).run();
        findings.note("the kit cannot check the patch and anti-virus routine over HTTP: a person must read the "
                + "security configuration document for how often the operating system, middleware and database "
                + "are patched and how anti-virus is installed and updated");
        return context.result(description, findings, Verdict.REVIEW, REVIEW_REASON);
    }
}
