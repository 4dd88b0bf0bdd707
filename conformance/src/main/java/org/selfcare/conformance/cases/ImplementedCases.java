package org.selfcare.conformance.cases;

import java.util.ArrayList;
import java.util.List;

import org.selfcare.conformance.cases.authentication.AuthenticationCases;
import org.selfcare.conformance.cases.authentication.PasswordComplexityCase;
import org.selfcare.conformance.cases.inquiry.CallRecordsStepUpCase;
import org.selfcare.conformance.cases.inquiry.IntegrityLabelCase;
import org.selfcare.conformance.cases.inquiry.KeyDataTamperCase;
import org.selfcare.conformance.cases.inquiry.StepUpLockoutCase;
import org.selfcare.conformance.cases.purchase.ClientTotalCase;
import org.selfcare.conformance.cases.purchase.PaymentNotificationCase;
import org.selfcare.conformance.cases.purchase.ProviderConfirmationCase;
import org.selfcare.conformance.cases.purchase.PurchaseMonitoringCase;
import org.selfcare.conformance.cases.purchase.PurchaseStepUpCase;
import org.selfcare.conformance.cases.purchase.TransactionEncryptionCase;
import org.selfcare.conformance.cases.purchase.TransitTamperCase;
import org.selfcare.conformance.cases.subscription.IdentityConfirmationCase;
import org.selfcare.conformance.cases.subscription.SubscriptionMonitoringCase;
import org.selfcare.conformance.cases.subscription.SubscriptionNoticeCase;
import org.selfcare.conformance.cases.transport.EncryptedTransportCase;
import org.selfcare.conformance.cases.web.KnownWebVulnerabilitiesCase;
import org.selfcare.conformance.model.TestCase;

/**
 * The cases this version of the kit can exercise. Each new case is added here.
 */
final class ImplementedCases {

    private ImplementedCases() {
    }

    static List<TestCase> all() {
        List<TestCase> cases = new ArrayList<>();
        cases.add(new KnownWebVulnerabilitiesCase());
        cases.add(new EncryptedTransportCase());
        cases.add(new IntegrityLabelCase());
        cases.add(new CallRecordsStepUpCase());
        cases.add(new StepUpLockoutCase());
        cases.add(new KeyDataTamperCase());
        cases.addAll(AuthenticationCases.all());
        cases.add(new PasswordComplexityCase());
        cases.add(new TransactionEncryptionCase());
        cases.add(new PaymentNotificationCase());
        cases.add(new ClientTotalCase());
        cases.add(new TransitTamperCase());
        cases.add(new ProviderConfirmationCase());
        cases.add(new PurchaseMonitoringCase());
        cases.add(new PurchaseStepUpCase());
        cases.add(new IdentityConfirmationCase());
        cases.add(new SubscriptionNoticeCase());
        cases.add(new SubscriptionMonitoringCase());
        return List.copyOf(cases);
    }
}
