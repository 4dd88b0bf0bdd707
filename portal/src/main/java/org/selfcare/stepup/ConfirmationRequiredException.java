package org.selfcare.stepup;

import java.util.Set;

/**
 * An operation needs a second authentication bound to it. Rendered as 403 {@code step_up_required}.
 */
public class ConfirmationRequiredException extends RuntimeException {

    private final String operationId;

    private final BoundOperation operation;

    private final Set<ProofMethod> methods;

    public ConfirmationRequiredException(String operationId, BoundOperation operation, Set<ProofMethod> methods) {
        super("Confirmation required for " + operation.purpose().pathName(), null, false, false);
        this.operationId = operationId;
        this.operation = operation;
        this.methods = Set.copyOf(methods);
    }

    /** Names the pending operation in the session, for the code request. */
    public String operationId() {
        return operationId;
    }

    public BoundOperation operation() {
        return operation;
    }

    /** The methods that may confirm it now; only the SMS code while the subscriber is at risk. */
    public Set<ProofMethod> methods() {
        return methods;
    }
}
