package org.selfcare.subscription;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.selfcare.account.Amount;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.stepup.BoundOperation;
import org.selfcare.stepup.Confirmation;
import org.selfcare.stepup.ConfirmationRejectedException;
import org.selfcare.stepup.ConfirmationRequiredException;
import org.selfcare.stepup.OperationConfirmation;
import org.selfcare.stepup.ProofMethod;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A stand-in for the step-up module's confirmation while it is being written: the service password is checked for
 * real, and an SMS code is {@link #codeFor the operation's own code}, accepted once. It records every operation it
 * was asked to authorize, so tests can see the binding the feature asked for.
 */
// TODO: replace with the step-up module's implementation once it is merged.
class TestOperationConfirmation implements OperationConfirmation {

    private final SubscriberDirectory directory;

    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();

    private final List<BoundOperation> requested = new CopyOnWriteArrayList<>();

    TestOperationConfirmation(SubscriberDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void authorize(SubscriberPrincipal principal, HttpServletRequest request, BoundOperation operation,
            Confirmation confirmation) {
        requested.add(operation);
        if (confirmation == null) {
            throw new ConfirmationRequiredException(operation.reference(), operation,
                    Set.of(ProofMethod.SMS_CODE, ProofMethod.SERVICE_PASSWORD));
        }
        boolean right = switch (confirmation.method()) {
            case SERVICE_PASSWORD -> directory.servicePasswordMatches(principal.subscriberId(), confirmation.secret());
            case SMS_CODE -> confirmation.secret().equals(codeFor(operation)) && usedCodes.add(confirmation.secret());
        };
        if (!right) {
            throw new ConfirmationRejectedException();
        }
    }

    /** Returns the SMS code that confirms exactly this operation: its reference and its amount. */
    static String codeFor(BoundOperation operation) {
        return operation.reference() + "/" + operation.amount().minorUnits() + operation.amount().currency();
    }

    List<BoundOperation> requested() {
        return requested;
    }

    /** The 403 body extras of the contract, for the test rendering. */
    static Map<String, Object> operationJson(ConfirmationRequiredException ex) {
        return Map.of("id", ex.operationId(), "description", ex.operation().description(), "amount",
                Amount.of(ex.operation().amount()));
    }
}
