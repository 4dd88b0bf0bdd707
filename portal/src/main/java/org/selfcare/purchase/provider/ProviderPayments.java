package org.selfcare.purchase.provider;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.selfcare.account.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code provider_payment} and {@code provider_event} tables.
 */
@Repository
class ProviderPayments {

    private static final String COLUMNS = "order_id, order_number, subscriber_id, payment_reference, redirect_url, "
            + "amount_minor, currency, status, poll_attempts, created_at";

    private final JdbcClient jdbc;

    ProviderPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new payment, or keeps the one stored before for the order, which the provider's idempotency key
     * makes the same payment.
     */
    void insert(ProviderPayment payment, Instant firstPollAt) {
        jdbc.sql("""
                INSERT INTO provider_payment (order_id, order_number, subscriber_id, payment_reference, redirect_url,
                                              amount_minor, currency, status, created_at, next_poll_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
                ON CONFLICT (order_id) DO NOTHING""")
                .params(payment.orderId(), payment.orderNumber(), payment.subscriberId(), payment.paymentReference(),
                        payment.redirectUrl(), payment.amount().minorUnits(),
                        payment.amount().currency().getCurrencyCode(), Timestamp.from(payment.createdAt()),
                        Timestamp.from(firstPollAt))
                .update();
    }

    Optional<ProviderPayment> byOrder(long orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM provider_payment WHERE order_id = ?")
                .param(orderId)
                .query(ProviderPayments::map)
                .optional();
    }

    Optional<ProviderPayment> byReference(String paymentReference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM provider_payment WHERE payment_reference = ?")
                .param(paymentReference)
                .query(ProviderPayments::map)
                .optional();
    }

    /** Returns pending payments whose next poll is due, oldest due first. */
    List<ProviderPayment> due(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM provider_payment WHERE status = 'PENDING' AND next_poll_at <= ?
                ORDER BY next_poll_at LIMIT ?""")
                .params(Timestamp.from(now), limit)
                .query(ProviderPayments::map)
                .list();
    }

    /**
     * Ends a pending payment. Returns whether it was still pending, so that of two concurrent settlements only
     * one goes on.
     */
    boolean finish(long orderId, ProviderPayment.Status status, Instant at, String error) {
        return jdbc.sql("""
                UPDATE provider_payment SET status = ?, finished_at = ?, last_error = ?
                WHERE order_id = ? AND status = 'PENDING'""")
                .params(status.name(), Timestamp.from(at), error, orderId)
                .update() == 1;
    }

    /** Moves the next poll of a pending payment and counts the attempt. */
    void pollLater(long orderId, Instant nextPollAt, String error) {
        jdbc.sql("""
                UPDATE provider_payment SET next_poll_at = ?, poll_attempts = poll_attempts + 1, last_error = ?
                WHERE order_id = ? AND status = 'PENDING'""")
                .params(Timestamp.from(nextPollAt), error, orderId)
                .update();
    }

    boolean eventSeen(String eventId) {
        return jdbc.sql("SELECT count(*) FROM provider_event WHERE event_id = ?")
                .param(eventId)
                .query(Long.class)
                .single() > 0;
    }

    /** Remembers a processed event. Returns false when it was remembered before, which makes it a replay. */
    boolean rememberEvent(String eventId, String type, String paymentReference, Instant receivedAt) {
        return jdbc.sql("""
                INSERT INTO provider_event (event_id, type, payment_reference, received_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""")
                .params(eventId, type, paymentReference, Timestamp.from(receivedAt))
                .update() == 1;
    }

    private static ProviderPayment map(ResultSet rows, int number) throws SQLException {
        return new ProviderPayment(rows.getLong("order_id"), rows.getString("order_number"),
                rows.getLong("subscriber_id"), rows.getString("payment_reference"), rows.getString("redirect_url"),
                Money.of(rows.getLong("amount_minor"), rows.getString("currency")),
                ProviderPayment.Status.valueOf(rows.getString("status")), rows.getInt("poll_attempts"),
                rows.getTimestamp("created_at").toInstant());
    }
}
