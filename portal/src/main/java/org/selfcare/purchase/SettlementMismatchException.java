package org.selfcare.purchase;

/**
 * A confirmed payment does not fit its order: the amount or currency differs, or the order expired or was
 * cancelled before the payment arrived.
 */
public class SettlementMismatchException extends RuntimeException {

    public SettlementMismatchException(String message) {
        super(message);
    }
}
