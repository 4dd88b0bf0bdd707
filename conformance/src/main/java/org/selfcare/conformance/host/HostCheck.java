package org.selfcare.conformance.host;

import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;

/**
 * One X.1470 case, or its host half, checked on the server host against the security configuration document.
 */
interface HostCheck {

    CaseDescription description();

    /**
     * Checks the host. A fact that cannot be gathered becomes an INCONCLUSIVE finding instead of an exception, and
     * {@link HostAudit} turns any other exception into an INCONCLUSIVE result.
     */
    CaseResult run(HostContext context);
}
