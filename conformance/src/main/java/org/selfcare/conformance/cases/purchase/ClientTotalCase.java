package org.selfcare.conformance.cases.purchase;

import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;

/**
 * T-3-5: the server recalculates the total that a client changed before sending.
 *
 * <p>As a client whose page was changed would, the case encrypts an order of two items whose expected total
 * and line prices are one minor unit, and sends it correctly encrypted and signed. The order the target
 * creates must cost the catalogue's price times the quantity, in the response and when read back. The case
 * cancels the order afterwards.
 */
public final class ClientTotalCase extends PurchaseCase {

    public ClientTotalCase() {
        super("T-3-5");
    }

    @Override
    CaseResult run(CaseContext context, Shopper shopper) {
        Findings findings = new Findings();
        String changed = ServerTotal.changedOrder(shopper);
        context.evidence().note("order plaintext the client changed before encrypting it: " + changed);
        ServerTotal.check(shopper, shopper.placeEncrypted(changed), "the order whose total the client changed",
                findings);
        shopper.cancelUnpaid(findings);
        return context.result(description(), findings, "the target priced the changed order from its catalogue");
    }
}
