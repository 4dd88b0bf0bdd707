package org.selfcare.conformance.cases.purchase;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.selfcare.conformance.http.Money;

/**
 * The catalogue entry of the item the purchase cases buy, as {@code GET /api/v1/catalogue} lists it.
 *
 * @param id the item id, such as {@code recharge-5}
 * @param kind {@code RECHARGE_CARD}, {@code SIM_CARD} or {@code DEVICE}
 * @param price the price of one
 */
record CatalogueItem(String id, String kind, String name, Money price, boolean inStock) {

    /**
     * Finds the item {@code id} in a catalogue response body, or returns empty when it is not listed with a
     * price.
     */
    static Optional<CatalogueItem> find(JsonNode catalogue, String id) {
        for (JsonNode item : catalogue.path("items")) {
            if (!id.equals(item.path("id").asString(""))) {
                continue;
            }
            return Money.read(item.path("price")).map((price) -> new CatalogueItem(id,
                    item.path("kind").asString(""), item.path("name").asString(""), price,
                    item.path("inStock").asBoolean(true)));
        }
        return Optional.empty();
    }
}
