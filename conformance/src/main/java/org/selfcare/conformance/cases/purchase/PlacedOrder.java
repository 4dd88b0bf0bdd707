package org.selfcare.conformance.cases.purchase;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import tools.jackson.databind.JsonNode;

/**
 * An order as the target returned it, read from {@code {"order": ORDER, ...}} or from a bare ORDER.
 *
 * @param number such as {@code SC-3F7K2Q9M}
 * @param status such as {@code CREATED} or {@code PAID}
 * @param total the order's total, when the response had a readable one
 * @param lines each line's item id, quantity and unit price
 * @param totalRecalculated whether the target reported that the client's figure differed from its own
 */
record PlacedOrder(String number, String status, Optional<Money> total, List<Line> lines,
        boolean totalRecalculated) {

    /**
     * One order line.
     */
    record Line(String itemId, int quantity, Optional<Money> unitPrice, Optional<Money> lineTotal) {
    }

    /**
     * Reads the order from a response body, or returns empty when it contains no order with a number.
     */
    static Optional<PlacedOrder> read(ProbeResponse response) {
        JsonNode body = JsonBody.of(response);
        JsonNode order = body.has("order") ? body.path("order") : body;
        String number = order.path("number").asString("");
        if (number.isEmpty()) {
            return Optional.empty();
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode line : order.path("items")) {
            lines.add(new Line(line.path("itemId").asString(""), line.path("quantity").asInt(0),
                    Money.read(line.path("unitPrice")), Money.read(line.path("lineTotal"))));
        }
        return Optional.of(new PlacedOrder(number, order.path("status").asString(""),
                Money.read(order.path("total")), List.copyOf(lines),
                body.path("totalRecalculated").asBoolean(false)));
    }

    boolean isPaid() {
        return "PAID".equals(status) || "FULFILLED".equals(status);
    }
}
