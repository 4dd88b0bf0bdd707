package org.selfcare.usage;

import java.util.Comparator;
import java.util.Currency;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Prices an answered call: every started minute of billable time at the rate of the longest matching
 * destination prefix.
 */
@Component
public class Tariff {

    private final Currency currency;

    private final long defaultPricePerMinute;

    private final List<TariffProperties.Rate> ratesLongestFirst;

    public Tariff(TariffProperties properties) {
        this.currency = Currency.getInstance(properties.currency());
        this.defaultPricePerMinute = properties.defaultPricePerMinute();
        this.ratesLongestFirst = properties.rates()
                .stream()
                .sorted(Comparator.comparingInt((TariffProperties.Rate rate) -> rate.prefix().length()).reversed())
                .toList();
    }

    public Currency currency() {
        return currency;
    }

    /**
     * Returns the price in minor units of a call of {@code billableSeconds} to {@code destination}; a call of 61
     * seconds costs two minutes.
     *
     * @param destination the called number in E.164 form, or as exported when it has none (a short code)
     */
    public long price(String destination, int billableSeconds) {
        if (billableSeconds <= 0) {
            return 0;
        }
        long startedMinutes = (billableSeconds + 59L) / 60L;
        return startedMinutes * pricePerMinute(destination);
    }

    long pricePerMinute(String destination) {
        for (TariffProperties.Rate rate : ratesLongestFirst) {
            if (destination.startsWith(rate.prefix())) {
                return rate.pricePerMinute();
            }
        }
        return defaultPricePerMinute;
    }
}
