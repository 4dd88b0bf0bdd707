package org.selfcare.account;

/**
 * The balance does not cover a payment from store credit; the balance was left unchanged.
 */
public class InsufficientCreditException extends RuntimeException {

    private final transient Money amount;

    public InsufficientCreditException(long subscriberId, Money amount) {
        super("The balance of subscriber " + subscriberId + " does not cover " + amount.minorUnits() + " "
                + amount.currency());
        this.amount = amount;
    }

    public Money amount() {
        return amount;
    }
}
