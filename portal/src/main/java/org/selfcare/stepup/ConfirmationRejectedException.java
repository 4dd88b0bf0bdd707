package org.selfcare.stepup;

/**
 * The confirmation sent with an operation was wrong, used, expired or made for another operation. Rendered as 400
 * {@code proof_invalid}.
 */
public class ConfirmationRejectedException extends RuntimeException {

    public ConfirmationRejectedException() {
        super("Confirmation rejected", null, false, false);
    }
}
