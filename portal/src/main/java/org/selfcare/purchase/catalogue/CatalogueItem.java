package org.selfcare.purchase.catalogue;

import java.util.Objects;

import org.selfcare.account.Money;

/**
 * A commodity the operator sells.
 *
 * @param id stable id, {@code [a-z0-9-]{1,40}}
 * @param kind what it is
 * @param name short name shown to subscribers
 * @param description one or two sentences shown to subscribers
 * @param price price of one unit
 * @param faceValue the credit a recharge card adds to the balance; {@code null} for other kinds
 * @param stock units that can still be ordered
 * @param active whether it is offered; an inactive item cannot be ordered
 */
public record CatalogueItem(String id, ItemKind kind, String name, String description, Money price, Money faceValue,
        int stock, boolean active) {

    public CatalogueItem {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(price, "price must not be null");
    }
}
