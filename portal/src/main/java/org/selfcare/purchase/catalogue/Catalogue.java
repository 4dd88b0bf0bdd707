package org.selfcare.purchase.catalogue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.selfcare.account.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue of commodities and their stock. Stock moves in single conditional statements, so two orders
 * that race for the last unit cannot both take it.
 */
@Service
public class Catalogue {

    /** Ids as the API and the order pages use them. */
    public static final Pattern ITEM_ID = Pattern.compile("[a-z0-9-]{1,40}");

    static final int MAX_NAME = 100;

    static final int MAX_DESCRIPTION = 500;

    private static final Logger logger = LoggerFactory.getLogger(Catalogue.class);

    private static final String COLUMNS = """
            id, kind, name, description, price_minor, currency, face_value_minor, stock, active""";

    private static final RowMapper<CatalogueItem> ROW = (row, rowNumber) -> {
        String currency = row.getString("currency");
        long faceValue = row.getLong("face_value_minor");
        return new CatalogueItem(row.getString("id"), ItemKind.valueOf(row.getString("kind")), row.getString("name"),
                row.getString("description"), Money.of(row.getLong("price_minor"), currency),
                row.wasNull() ? null : Money.of(faceValue, currency), row.getInt("stock"), row.getBoolean("active"));
    };

    private final JdbcClient jdbc;

    Catalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Returns every item, active or not, ordered by kind and price.
     */
    public List<CatalogueItem> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM catalogue_item ORDER BY kind, price_minor, id").query(ROW).list();
    }

    /**
     * Returns the items subscribers can see, ordered by kind and price.
     */
    public List<CatalogueItem> active() {
        return all().stream().filter(CatalogueItem::active).toList();
    }

    public Optional<CatalogueItem> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM catalogue_item WHERE id = ?").param(id).query(ROW).optional();
    }

    /**
     * Returns the items with these ids that exist, by id.
     */
    public Map<String, CatalogueItem> find(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM catalogue_item WHERE id = ANY (?)")
                .param(ids.toArray(String[]::new))
                .query(ROW)
                .list()
                .stream()
                .collect(Collectors.toMap(CatalogueItem::id, Function.identity()));
    }

    /**
     * Takes units of an active item from its stock, in the caller's transaction.
     *
     * @return whether the stock held enough; when not, nothing is taken
     */
    public boolean take(String id, int quantity) {
        return jdbc.sql("""
                UPDATE catalogue_item SET stock = stock - ?, updated_at = now()
                WHERE id = ? AND active AND stock >= ?""")
                .params(quantity, id, quantity)
                .update() == 1;
    }

    /**
     * Puts units back into stock, in the caller's transaction, when an order that took them ends unpaid.
     */
    public void giveBack(String id, int quantity) {
        jdbc.sql("UPDATE catalogue_item SET stock = stock + ?, updated_at = now() WHERE id = ?")
                .params(quantity, id)
                .update();
    }

    /**
     * Adds an item.
     *
     * @throws CatalogueException when a field is invalid or the id is taken
     */
    @Transactional
    public void add(CatalogueItem item) {
        check(item);
        int inserted = jdbc.sql("""
                INSERT INTO catalogue_item (id, kind, name, description, price_minor, currency, face_value_minor, stock,
                                            active)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(item.id(), item.kind().name(), item.name(), item.description(), item.price().minorUnits(),
                        item.price().currency().getCurrencyCode(),
                        item.faceValue() == null ? null : item.faceValue().minorUnits(), item.stock(), item.active())
                .update();
        if (inserted == 0) {
            throw new CatalogueException("An item with the id " + item.id() + " exists already; use update.");
        }
        logger.info("Added catalogue item id={} kind={} priceMinor={} stock={}", item.id(), item.kind(),
                item.price().minorUnits(), item.stock());
    }

    /**
     * Replaces an item's name, description, prices and active flag; its kind and stock stay. Orders placed
     * before keep the prices they were placed with.
     *
     * @throws CatalogueException when a field is invalid or the item does not exist
     */
    @Transactional
    public void update(CatalogueItem item) {
        check(item);
        int updated = jdbc.sql("""
                UPDATE catalogue_item SET name = ?, description = ?, price_minor = ?, currency = ?, face_value_minor = ?,
                                          active = ?, updated_at = now()
                WHERE id = ? AND kind = ?""")
                .params(item.name(), item.description(), item.price().minorUnits(),
                        item.price().currency().getCurrencyCode(),
                        item.faceValue() == null ? null : item.faceValue().minorUnits(), item.active(), item.id(),
                        item.kind().name())
                .update();
        if (updated == 0) {
            throw new CatalogueException("There is no item " + item.id() + " of kind " + item.kind() + ".");
        }
        logger.info("Updated catalogue item id={} priceMinor={} active={}", item.id(), item.price().minorUnits(),
                item.active());
    }

    /**
     * Sets the stock of an item to {@code stock}, or moves it by {@code stock} when {@code relative}.
     *
     * @return the new stock
     * @throws CatalogueException when the item does not exist or the stock would fall below zero
     */
    @Transactional
    public int setStock(String id, long stock, boolean relative) {
        if (find(id).isEmpty()) {
            throw new CatalogueException("There is no item " + id + " in the catalogue.");
        }
        Optional<Integer> result = jdbc.sql("""
                UPDATE catalogue_item SET stock = CASE WHEN ? THEN stock + ? ELSE ? END, updated_at = now()
                WHERE id = ? AND (CASE WHEN ? THEN stock + ? ELSE ? END) BETWEEN 0 AND 2147483647
                RETURNING stock""")
                .params(relative, stock, stock, id, relative, stock, stock)
                .query(Integer.class)
                .optional();
        int now = result.orElseThrow(() -> new CatalogueException("The stock of " + id
                + " must stay between 0 and 2147483647."));
        logger.info("Set stock id={} stock={}", id, now);
        return now;
    }

    private static void check(CatalogueItem item) {
        if (!ITEM_ID.matcher(item.id()).matches()) {
            throw new CatalogueException("The id must be 1 to 40 lower-case letters, digits or hyphens.");
        }
        if (item.name() == null || item.name().isBlank() || item.name().length() > MAX_NAME) {
            throw new CatalogueException("The name must be 1 to " + MAX_NAME + " characters.");
        }
        if (item.description() == null || item.description().length() > MAX_DESCRIPTION) {
            throw new CatalogueException("The description must be at most " + MAX_DESCRIPTION + " characters.");
        }
        if (item.price().minorUnits() <= 0) {
            throw new CatalogueException("The price must be more than zero.");
        }
        if (item.stock() < 0) {
            throw new CatalogueException("The stock must not be negative.");
        }
        boolean recharge = item.kind() == ItemKind.RECHARGE_CARD;
        if (recharge && item.faceValue() == null) {
            throw new CatalogueException("A recharge card needs a face value.");
        }
        if (!recharge && item.faceValue() != null) {
            throw new CatalogueException("Only recharge cards have a face value.");
        }
        if (recharge && (item.faceValue().minorUnits() <= 0
                || !item.faceValue().currency().equals(item.price().currency()))) {
            throw new CatalogueException("The face value must be more than zero, in the currency of the price.");
        }
    }
}
