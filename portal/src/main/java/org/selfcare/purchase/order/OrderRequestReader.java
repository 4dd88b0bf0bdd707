package org.selfcare.purchase.order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.selfcare.purchase.catalogue.Catalogue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads the decrypted plaintext of an order into an {@link OrderRequest}, strictly: wrong JSON types are refused
 * rather than converted, a key given twice is refused (so no two readers can see different orders in one body),
 * and quantities must be whole numbers from 1 to the per-line maximum.
 */
@Component
class OrderRequestReader {

    static final int MAX_LINES = 20;

    /** The line fields in which a client may send a price; each is compared with the server's figures. */
    private static final List<String> PRICE_FIELDS = List.of("unitPrice", "price", "amount", "total", "lineTotal");

    private static final Pattern POSTCODE = Pattern.compile("[A-Za-z0-9 -]{2,12}");

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final PurchaseProperties properties;

    OrderRequestReader(PurchaseProperties properties) {
        this.properties = properties;
    }

    /**
     * @throws OrderRefusedException with {@code invalid_order} or {@code invalid_quantity}
     */
    OrderRequest read(byte[] plaintext) {
        JsonNode root;
        try {
            root = json.readTree(plaintext);
        }
        catch (JacksonException ex) {
            throw invalid("not-json");
        }
        if (root == null || !root.isObject()) {
            throw invalid("not-json");
        }
        JsonNode items = root.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw invalid("items-missing");
        }
        if (items.size() > MAX_LINES) {
            throw invalid("too-many-lines", MAX_LINES);
        }
        List<OrderRequest.Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : items) {
            OrderRequest.Line line = line(item);
            if (!seen.add(line.itemId())) {
                throw invalid("item-twice", line.itemId());
            }
            lines.add(line);
        }
        return new OrderRequest(lines, identityDocument(root.get("identityDocument")),
                address(root.get("deliveryAddress")), amountOrNull(root.get("expectedTotal")));
    }

    private OrderRequest.Line line(JsonNode item) {
        if (!item.isObject()) {
            throw invalid("line-not-object");
        }
        JsonNode id = item.get("itemId");
        if (id == null || !id.isString() || !Catalogue.ITEM_ID.matcher(id.stringValue()).matches()) {
            throw invalid("item-id");
        }
        int quantity = quantity(item.get("quantity"));
        List<OrderRequest.ClientAmount> claimed = new ArrayList<>();
        for (String field : PRICE_FIELDS) {
            JsonNode price = item.get(field);
            if (price != null && !price.isNull()) {
                claimed.add(amount(price));
            }
        }
        return new OrderRequest.Line(id.stringValue(), quantity, claimed);
    }

    private int quantity(JsonNode quantity) {
        if (quantity == null || quantity.isNull()) {
            throw invalid("quantity-missing");
        }
        if (!quantity.isNumber()) {
            throw invalid("quantity-not-number");
        }
        int max = properties.maxQuantityPerLine();
        if (!quantity.isIntegralNumber()) {
            throw OrderRefusedException.badRequest("invalid_quantity", "quantity-whole", max);
        }
        if (!quantity.canConvertToLong() || quantity.longValue() < 1 || quantity.longValue() > max) {
            throw OrderRefusedException.badRequest("invalid_quantity", "quantity-range", max);
        }
        return (int) quantity.longValue();
    }

    private static UUID identityDocument(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw invalid("identity-document");
        }
        try {
            return UUID.fromString(node.stringValue());
        }
        catch (IllegalArgumentException ex) {
            throw invalid("identity-document");
        }
    }

    private static DeliveryAddress address(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid("address");
        }
        DeliveryAddress address = new DeliveryAddress(text(node, "name", 100, true), text(node, "line1", 100, true),
                text(node, "line2", 100, false), text(node, "city", 60, true), text(node, "postcode", 12, true),
                text(node, "country", 2, true));
        if (!POSTCODE.matcher(address.postcode()).matches() || !COUNTRY.matcher(address.country()).matches()) {
            throw invalid("address");
        }
        return address;
    }

    private static String text(JsonNode parent, String field, int maxLength, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull() || (node.isString() && node.stringValue().isBlank())) {
            if (required) {
                throw invalid("address");
            }
            return null;
        }
        if (!node.isString() || node.stringValue().strip().length() > maxLength
                || node.stringValue().chars().anyMatch(Character::isISOControl)) {
            throw invalid("address");
        }
        return node.stringValue().strip();
    }

    private static OrderRequest.ClientAmount amountOrNull(JsonNode node) {
        return (node == null || node.isNull()) ? null : amount(node);
    }

    /**
     * Reads an amount the client sent. Anything but a money object with whole minor units counts as an amount
     * that disagrees, because the server cannot tell what the client meant.
     */
    private static OrderRequest.ClientAmount amount(JsonNode node) {
        JsonNode minor = node.isObject() ? node.get("minorUnits") : null;
        JsonNode currency = node.isObject() ? node.get("currency") : null;
        if (minor == null || !minor.isIntegralNumber() || !minor.canConvertToLong() || currency == null
                || !currency.isString()) {
            return new OrderRequest.ClientAmount(null, null);
        }
        return new OrderRequest.ClientAmount(minor.longValue(), currency.stringValue());
    }

    private static OrderRefusedException invalid(String reason, Object... arguments) {
        return OrderRefusedException.badRequest("invalid_order", "invalid-order." + reason, arguments);
    }
}
