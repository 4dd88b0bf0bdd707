package org.selfcare.account;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount as the JSON API shows it: exact minor units, the currency, and a decimal string in the currency's
 * usual digits, so clients never do money arithmetic in floating point.
 */
public record Amount(long minorUnits, String currency, String decimal) {

    public static Amount of(Money money) {
        int digits = Math.max(money.currency().getDefaultFractionDigits(), 0);
        return new Amount(money.minorUnits(), money.currency().getCurrencyCode(),
                BigDecimal.valueOf(money.minorUnits(), digits).toPlainString());
    }

    /**
     * Returns the amount as notices show it: the decimal and the currency code, such as {@code 2.00 GBP}.
     */
    public static String text(Money money) {
        return of(money).decimal() + " " + money.currency().getCurrencyCode();
    }
}
