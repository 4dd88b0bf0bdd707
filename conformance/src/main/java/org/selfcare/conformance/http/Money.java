package org.selfcare.conformance.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * An amount as Selfcare's API writes it: {@code {"minorUnits": 500, "currency": "GBP", "decimal": "5.00"}}.
 */
public record Money(long minorUnits, String currency, String decimal) {

    /**
     * Reads an amount, or returns empty when {@code node} is not one.
     */
    public static Optional<Money> read(JsonNode node) {
        if (!node.path("minorUnits").canConvertToLong() || !node.path("currency").isString()) {
            return Optional.empty();
        }
        long minorUnits = node.path("minorUnits").longValue();
        String currency = node.path("currency").asString();
        String decimal = node.path("decimal").isString() ? node.path("decimal").asString() : "";
        return Optional.of(new Money(minorUnits, currency, decimal));
    }

    /**
     * Returns {@code minorUnits} of this amount's currency, with the decimal form for two minor digits.
     */
    public Money withMinorUnits(long units) {
        return new Money(units, currency, String.format("%d.%02d", units / 100, units % 100));
    }

    public Money times(int quantity) {
        return withMinorUnits(minorUnits * quantity);
    }

    public boolean sameAmount(Money other) {
        return minorUnits == other.minorUnits && currency.equals(other.currency);
    }

    /** Returns the JSON members the API expects. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("minorUnits", minorUnits);
        json.put("currency", currency);
        json.put("decimal", decimal);
        return json;
    }

    @Override
    public String toString() {
        return (decimal.isEmpty() ? minorUnits + " minor units" : decimal) + " " + currency;
    }
}
