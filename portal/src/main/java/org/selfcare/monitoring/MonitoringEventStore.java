package org.selfcare.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of {@code monitoring_event}. Every window is half open: an event counts when it happened after the
 * window's start and no later than its end, so an event exactly one window old is outside.
 */
@Repository
class MonitoringEventStore {

    private final JdbcClient jdbc;

    MonitoringEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts an event, and returns in the same statement the time of the latest event of the same subscriber and
     * kind that was stored before it, or empty when there is none.
     */
    Optional<Instant> insert(MonitoredEvent event) {
        return jdbc.sql("""
                INSERT INTO monitoring_event (kind, subscriber_id, service_code, order_number, occurred_at)
                VALUES (?, ?, ?, ?, ?)
                RETURNING (SELECT max(occurred_at) FROM monitoring_event WHERE subscriber_id = ? AND kind = ?)""")
                .params(event.kind().name(), event.subscriberId(), event.serviceCode(), event.orderNumber(),
                        Timestamp.from(event.occurredAt()), event.subscriberId(), event.kind().name())
                .query((rs, row) -> rs.getTimestamp(1))
                .optional()
                .map(Timestamp::toInstant);
    }

    /**
     * Serialises the detection of one subscriber's events until the transaction ends, so two events that arrive
     * together cannot both count without the other and leave a threshold unseen.
     */
    void lockSubscriber(long subscriberId) {
        lock("monitoring:subscriber:" + subscriberId);
    }

    /** Serialises the detection of one service's events, like {@link #lockSubscriber}. */
    void lockService(String serviceCode) {
        lock("monitoring:service:" + serviceCode);
    }

    private void lock(String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param(key).query().singleRow();
    }

    /** Returns the time of the latest stored event of the service with this kind. */
    Optional<Instant> latestForService(String serviceCode, MonitoredEvent.Kind kind) {
        return jdbc.sql("SELECT max(occurred_at) FROM monitoring_event WHERE service_code = ? AND kind = ?")
                .params(serviceCode, kind.name())
                .query((rs, row) -> rs.getTimestamp(1))
                .optional()
                .map(Timestamp::toInstant);
    }

    long count(long subscriberId, MonitoredEvent.Kind kind, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT count(*) FROM monitoring_event
                WHERE subscriber_id = ? AND kind = ? AND occurred_at > ? AND occurred_at <= ?""")
                .params(subscriberId, kind.name(), Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    long countForService(String serviceCode, MonitoredEvent.Kind kind, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT count(*) FROM monitoring_event
                WHERE service_code = ? AND kind = ? AND occurred_at > ? AND occurred_at <= ?""")
                .params(serviceCode, kind.name(), Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /**
     * Counts the subscriber's orders cancelled in the window after a payment of them was requested.
     */
    long countCancelledAfterPaymentRequest(long subscriberId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT count(DISTINCT cancelled.order_number) FROM monitoring_event cancelled
                WHERE cancelled.subscriber_id = ? AND cancelled.kind = 'ORDER_CANCELLED'
                  AND cancelled.occurred_at > ? AND cancelled.occurred_at <= ?
                  AND EXISTS (SELECT 1 FROM monitoring_event requested
                              WHERE requested.order_number = cancelled.order_number
                                AND requested.subscriber_id = cancelled.subscriber_id
                                AND requested.kind = 'ORDER_PAYMENT_REQUESTED')""")
                .params(subscriberId, Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /**
     * Counts the subscriber's orders placed in the window that have not been paid: open, cancelled or expired.
     */
    long countUnpaidPlaced(long subscriberId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT count(DISTINCT placed.order_number) FROM monitoring_event placed
                WHERE placed.subscriber_id = ? AND placed.kind = 'ORDER_PLACED'
                  AND placed.occurred_at > ? AND placed.occurred_at <= ?
                  AND NOT EXISTS (SELECT 1 FROM monitoring_event paid
                                  WHERE paid.order_number = placed.order_number
                                    AND paid.subscriber_id = placed.subscriber_id
                                    AND paid.kind = 'ORDER_PAID')""")
                .params(subscriberId, Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }

    /**
     * Returns the subscriber's subscribe and unsubscribe events of one service in the window, oldest first.
     */
    List<MonitoredEvent.Kind> subscriptionChanges(long subscriberId, String serviceCode, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT kind FROM monitoring_event
                WHERE subscriber_id = ? AND kind IN ('SUBSCRIBED', 'UNSUBSCRIBED') AND service_code = ?
                  AND occurred_at > ? AND occurred_at <= ?
                ORDER BY occurred_at, id""")
                .params(subscriberId, serviceCode, Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> MonitoredEvent.Kind.valueOf(rs.getString(1)))
                .list();
    }

    /**
     * Deletes events that happened before {@code before}, at most {@code batch} of them.
     *
     * @return how many were deleted
     */
    int deleteBefore(Instant before, int batch) {
        return jdbc.sql("""
                DELETE FROM monitoring_event WHERE id IN (
                    SELECT id FROM monitoring_event WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?)""")
                .params(Timestamp.from(before), batch)
                .update();
    }
}
