package org.selfcare.purchase.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.selfcare.account.Money;
import org.selfcare.platform.KeysetCursor;
import org.selfcare.purchase.catalogue.ItemKind;
import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of orders and their lines. Every read of a subscriber's order is scoped by the subscriber id, so an
 * order number alone never opens another subscriber's order.
 */
@Repository
class OrderStore {

    private static final String COLUMNS = """
            id, number, subscriber_id, status, total_minor, currency, created_at, expires_at, payment_method,
            payment_reference, paid_at""";

    private final JdbcClient jdbc;

    private final ObjectMapper json;

    OrderStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Inserts an order with its lines.
     *
     * @return the new order's id, or empty when the number is taken
     */
    Optional<Long> insert(String number, long subscriberId, Money total, List<OrderLine> lines, UUID identityDocument,
            DeliveryAddress address, Instant createdAt, Instant expiresAt) {
        Optional<Long> id = jdbc.sql("""
                INSERT INTO customer_order (number, subscriber_id, status, total_minor, currency, identity_document,
                                            delivery_address, created_at, expires_at)
                VALUES (?, ?, 'CREATED', ?, ?, ?, CAST(? AS jsonb), ?, ?) ON CONFLICT (number) DO NOTHING RETURNING id""")
                .params(number, subscriberId, total.minorUnits(), total.currency().getCurrencyCode(), identityDocument,
                        address == null ? null : json.writeValueAsString(address), Timestamp.from(createdAt),
                        Timestamp.from(expiresAt))
                .query(Long.class)
                .optional();
        id.ifPresent((orderId) -> {
            int lineNumber = 1;
            for (OrderLine line : lines) {
                jdbc.sql("""
                        INSERT INTO order_line (order_id, line_number, item_id, name, kind, quantity, unit_price_minor,
                                                face_value_minor)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(orderId, lineNumber++, line.itemId(), line.name(), line.kind().name(), line.quantity(),
                                line.unitPrice().minorUnits(),
                                line.faceValue() == null ? null : line.faceValue().minorUnits())
                        .update();
            }
        });
        return id;
    }

    Optional<Order> find(long subscriberId, String number) {
        return one(jdbc.sql("SELECT " + COLUMNS + " FROM customer_order WHERE subscriber_id = ? AND number = ?")
                .params(subscriberId, number));
    }

    /**
     * Reads and locks the order until the transaction ends, so payments, cancellations and expiry of one order
     * run one after the other.
     */
    Optional<Order> lock(long subscriberId, String number) {
        return one(jdbc.sql("SELECT " + COLUMNS
                + " FROM customer_order WHERE subscriber_id = ? AND number = ? FOR UPDATE").params(subscriberId, number));
    }

    Optional<Order> lock(long orderId) {
        return one(jdbc.sql("SELECT " + COLUMNS + " FROM customer_order WHERE id = ? FOR UPDATE").param(orderId));
    }

    /**
     * Locks up to {@code limit} unpaid orders whose time ran out, skipping orders another transaction holds.
     */
    List<Order> lockExpired(Instant now, int limit) {
        return withLines(jdbc.sql("SELECT " + COLUMNS + """
                 FROM customer_order WHERE status IN ('CREATED', 'AWAITING_PAYMENT') AND expires_at <= ?
                ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(Timestamp.from(now), limit)
                .query(OrderStore::header)
                .list());
    }

    /**
     * Returns one page of the subscriber's orders, newest first, and whether an older one follows.
     */
    List<Order> page(long subscriberId, KeysetCursor after, int limit) {
        return withLines(jdbc.sql("SELECT " + COLUMNS + """
                 FROM customer_order WHERE subscriber_id = :subscriber
                  AND (CAST(:afterTime AS timestamptz) IS NULL OR (created_at, id) < (:afterTime, :afterId))
                ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("subscriber", subscriberId)
                .param("afterTime", after == null ? null : Timestamp.from(after.time()))
                .param("afterId", after == null ? 0L : after.id())
                .param("limit", limit)
                .query(OrderStore::header)
                .list());
    }

    void setStatus(long orderId, OrderStatus status, Instant closedAt) {
        jdbc.sql("UPDATE customer_order SET status = ?, closed_at = ? WHERE id = ?")
                .params(status.name(), closedAt == null ? null : Timestamp.from(closedAt), orderId)
                .update();
    }

    void markPaid(long orderId, PaymentMethod method, String reference, Instant paidAt) {
        jdbc.sql("""
                UPDATE customer_order SET status = 'PAID', payment_method = ?, payment_reference = ?, paid_at = ?
                WHERE id = ?""")
                .params(method.name(), reference, Timestamp.from(paidAt), orderId)
                .update();
    }

    void providerPaymentStarted(long orderId, String reference) {
        jdbc.sql("""
                UPDATE customer_order SET status = 'AWAITING_PAYMENT', payment_method = 'PROVIDER', payment_reference = ?
                WHERE id = ?""")
                .params(reference, orderId)
                .update();
    }

    void providerPaymentFailed(long orderId) {
        jdbc.sql("""
                UPDATE customer_order SET status = 'CREATED', payment_method = NULL, payment_reference = NULL
                WHERE id = ? AND status = 'AWAITING_PAYMENT'""")
                .param(orderId)
                .update();
    }

    private Optional<Order> one(JdbcClient.StatementSpec statement) {
        return withLines(statement.query(OrderStore::header).list()).stream().findFirst();
    }

    /** An order row before its lines are read. */
    private record Header(long id, String number, long subscriberId, OrderStatus status, Money total,
            Instant createdAt, Instant expiresAt, PaymentMethod paymentMethod, String paymentReference,
            Instant paidAt) {
    }

    private static Header header(ResultSet row, int rowNumber) throws SQLException {
        String method = row.getString("payment_method");
        Timestamp paidAt = row.getTimestamp("paid_at");
        return new Header(row.getLong("id"), row.getString("number"), row.getLong("subscriber_id"),
                OrderStatus.valueOf(row.getString("status")),
                Money.of(row.getLong("total_minor"), row.getString("currency")),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("expires_at").toInstant(),
                method == null ? null : PaymentMethod.valueOf(method), row.getString("payment_reference"),
                paidAt == null ? null : paidAt.toInstant());
    }

    private List<Order> withLines(List<Header> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        Map<Long, List<OrderLine>> lines = new LinkedHashMap<>();
        headers.forEach((header) -> lines.put(header.id(), new ArrayList<>()));
        Map<Long, String> currencies = new LinkedHashMap<>();
        headers.forEach((header) -> currencies.put(header.id(), header.total().currency().getCurrencyCode()));
        jdbc.sql("""
                SELECT order_id, item_id, name, kind, quantity, unit_price_minor, face_value_minor FROM order_line
                WHERE order_id = ANY (?) ORDER BY order_id, line_number""")
                .param(lines.keySet().toArray(Long[]::new))
                .query((row, rowNumber) -> {
                    long orderId = row.getLong("order_id");
                    String currency = currencies.get(orderId);
                    long faceValue = row.getLong("face_value_minor");
                    Money face = row.wasNull() ? null : Money.of(faceValue, currency);
                    lines.get(orderId).add(new OrderLine(row.getString("item_id"), row.getString("name"),
                            ItemKind.valueOf(row.getString("kind")), row.getInt("quantity"),
                            Money.of(row.getLong("unit_price_minor"), currency), face));
                    return orderId;
                })
                .list();
        return headers.stream()
                .map((h) -> new Order(h.id(), h.number(), h.subscriberId(), h.status(), lines.get(h.id()), h.total(),
                        h.createdAt(), h.expiresAt(), h.paymentMethod(), h.paymentReference(), h.paidAt()))
                .toList();
    }
}
