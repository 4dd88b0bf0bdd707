package org.selfcare.account;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount in integer minor units (cents, pence) of an ISO 4217 currency. Never floating point.
 */
public record Money(long minorUnits, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency must not be null");
    }

    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, Currency.getInstance(currencyCode));
    }
}
