package org.selfcare.account;

import java.math.BigDecimal;
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

    /**
     * Reads a decimal such as {@code 10.00} into minor units of {@code currency}, refusing more digits than the
     * currency has.
     *
     * @throws IllegalArgumentException when the text is not such a decimal
     */
    public static Money parse(String decimal, Currency currency) {
        try {
            BigDecimal minor = new BigDecimal(decimal.strip()).movePointRight(currency.getDefaultFractionDigits());
            return new Money(minor.longValueExact(), currency);
        }
        catch (NumberFormatException | ArithmeticException ex) {
            throw new IllegalArgumentException("'" + decimal + "' is not an amount in " + currency + " such as 10.00, "
                    + "with at most " + currency.getDefaultFractionDigits() + " decimals.");
        }
    }
}
