package org.selfcare.conformance.cases.purchase;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;

/**
 * T-3-5: the server recalculates the total that a client changed before sending.
 *
 * <p>As a client whose page was changed would, the case encrypts an order of two items whose expected total
 * and line prices are one minor unit, and sends it correctly encrypted and signed. The order the target
 * creates must cost the catalogue's price times the quantity, in the response and when read back. The case
 * cancels the order afterwards.
 */
public final class ClientTotalCase implements TestCase {

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-3-5");

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        Shopper shopper;
        try {
            shopper = Shopper.open(context);
        }
        catch (Shopper.NotReady ex) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, ex.getMessage());
        }
        Findings findings = new Findings();
        String changed = ServerTotal.changedOrder(shopper);
        context.evidence().note("order plaintext the client changed before encrypting it: " + changed);
        ServerTotal.check(shopper, shopper.placeEncrypted(changed), "the order whose total the client changed",
                findings);
        shopper.cancelUnpaid(findings);
        return context.result(DESCRIPTION, findings, "the target priced the changed order from its catalogue");
    }
}
