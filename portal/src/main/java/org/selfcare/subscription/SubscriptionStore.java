package org.selfcare.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.selfcare.account.Money;
import org.selfcare.integrity.RecordSeal;
import org.selfcare.integrity.RecordSealer;
import org.selfcare.integrity.Seal;
import org.selfcare.integrity.SealAlerts;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of subscriptions. Each row is sealed when it is written, and its seal is checked whenever it is read. A
 * row whose seal fails raises the integrity alert once and is left out of every result. So a subscription changed
 * outside the portal is not shown, cancelled, renewed or expired.
 */
@Repository
class SubscriptionStore {

    private static final String COLUMNS = """
            id, subscriber_id, service_code, fee_minor, currency, billing_period, time_zone, status, auto_renew,
            started_at, period_number, effective_at, expires_at, cancelled_at, ended_at, seal, seal_key_id
            """;

    private final JdbcClient jdbc;

    private final RecordSealer sealer;

    private final SealAlerts alerts;

    SubscriptionStore(JdbcClient jdbc, RecordSealer sealer, SealAlerts alerts) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.alerts = alerts;
    }

    /**
     * Inserts a new running subscription, whose {@code id} is ignored.
     *
     * @return the subscription with its id, or empty when the subscriber has a running subscription to the
     *         service. A concurrent insert for the same service waits until the other transaction ends.
     */
    Optional<Subscription> insert(Subscription subscription) {
        Seal seal = sealer.seal(encode(subscription));
        try {
            long id = jdbc.sql("INSERT INTO subscription (" + COLUMNS.replace("id, subscriber_id", "subscriber_id")
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                    .params(subscription.subscriberId(), subscription.serviceCode(),
                            subscription.fee().minorUnits(), subscription.fee().currency().getCurrencyCode(),
                            subscription.period().name(), subscription.zone().getId(), subscription.status().name(),
                            subscription.autoRenew(), timestamp(subscription.startedAt()),
                            subscription.periodNumber(), timestamp(subscription.effectiveAt()),
                            timestamp(subscription.expiresAt()), timestamp(subscription.cancelledAt()),
                            timestamp(subscription.endedAt()), seal.value(), seal.keyId())
                    .query(Long.class)
                    .single();
            return Optional.of(withId(subscription, id));
        }
        catch (DuplicateKeyException ex) {
            return Optional.empty();
        }
    }

    /**
     * Writes every field that a change moves, with a new seal.
     */
    void update(Subscription subscription) {
        Seal seal = sealer.seal(encode(subscription));
        int updated = jdbc.sql("""
                UPDATE subscription SET fee_minor = ?, status = ?, auto_renew = ?, period_number = ?, effective_at = ?,
                                        expires_at = ?, cancelled_at = ?, ended_at = ?, seal = ?, seal_key_id = ?
                WHERE id = ?""")
                .params(subscription.fee().minorUnits(), subscription.status().name(), subscription.autoRenew(),
                        subscription.periodNumber(), timestamp(subscription.effectiveAt()),
                        timestamp(subscription.expiresAt()), timestamp(subscription.cancelledAt()),
                        timestamp(subscription.endedAt()), seal.value(), seal.keyId(), subscription.id())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Subscription " + subscription.id() + " disappeared while it was locked");
        }
    }

    /**
     * Returns whether the subscriber has a running subscription to the service, whatever its seal.
     */
    boolean isRunning(long subscriberId, String serviceCode) {
        return jdbc.sql("SELECT count(*) > 0 FROM subscription WHERE subscriber_id = ? AND service_code = ? "
                + "AND ended_at IS NULL")
                .params(subscriberId, serviceCode)
                .query(Boolean.class)
                .single();
    }

    /**
     * Reads and locks the subscriber's running subscription to the service until the transaction ends.
     */
    Optional<Subscription> lockRunning(long subscriberId, String serviceCode) {
        return intact(jdbc.sql("SELECT " + COLUMNS + """
                 FROM subscription WHERE subscriber_id = ? AND service_code = ? AND ended_at IS NULL FOR UPDATE""")
                .params(subscriberId, serviceCode)
                .query(SubscriptionStore::row)
                .list()).stream().findFirst();
    }

    /**
     * Returns the subscriber's running subscriptions, the newest first.
     */
    List<Subscription> running(long subscriberId) {
        return intact(jdbc.sql("SELECT " + COLUMNS + """
                 FROM subscription WHERE subscriber_id = ? AND ended_at IS NULL ORDER BY started_at DESC, id DESC""")
                .param(subscriberId)
                .query(SubscriptionStore::row)
                .list());
    }

    /**
     * Locks up to {@code limit} running subscriptions whose paid period ended by {@code now}, skipping rows another
     * transaction holds and the ids in {@code skipped}.
     *
     * @return the rows locked; rows whose seal failed are in {@code broken} and not in the result
     */
    List<Subscription> lockDue(Instant now, int limit, Collection<Long> skipped, Collection<Long> broken) {
        List<StoredRow> rows = jdbc.sql("SELECT " + COLUMNS + """
                 FROM subscription WHERE ended_at IS NULL AND expires_at <= ? AND NOT (id = ANY (?))
                ORDER BY expires_at, id LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(Timestamp.from(now), skipped.toArray(Long[]::new), limit)
                .query(SubscriptionStore::row)
                .list();
        List<Subscription> intact = intact(rows);
        rows.stream()
                .map(StoredRow::subscription)
                .filter((row) -> !intact.contains(row))
                .forEach((row) -> broken.add(row.id()));
        return intact;
    }

    /** A row as stored, before its seal is checked. */
    private record StoredRow(Subscription subscription, String seal, String sealKeyId) {
    }

    private List<Subscription> intact(List<StoredRow> rows) {
        return rows.stream().filter(this::verifies).map(StoredRow::subscription).toList();
    }

    private boolean verifies(StoredRow row) {
        Subscription subscription = row.subscription();
        if (sealer.verifies(encode(subscription), row.seal(), row.sealKeyId())) {
            return true;
        }
        alerts.alert("subscription", subscription.id(), subscription.subscriberId());
        return false;
    }

    private static RecordSeal encode(Subscription s) {
        return RecordSeal.subscription(s.subscriberId(), s.serviceCode(), s.fee().minorUnits(),
                s.fee().currency().getCurrencyCode(), s.period().name(), s.zone().getId(), s.status().name(),
                s.autoRenew(), s.startedAt(), s.periodNumber(), s.effectiveAt(), s.expiresAt(), s.cancelledAt(),
                s.endedAt());
    }

    private static StoredRow row(ResultSet row, int rowNumber) throws SQLException {
        Subscription subscription = new Subscription(row.getLong("id"), row.getLong("subscriber_id"),
                row.getString("service_code"), Money.of(row.getLong("fee_minor"), row.getString("currency")),
                BillingPeriod.valueOf(row.getString("billing_period")), ZoneId.of(row.getString("time_zone")),
                SubscriptionStatus.valueOf(row.getString("status")), row.getBoolean("auto_renew"),
                instant(row, "started_at"), row.getInt("period_number"), instant(row, "effective_at"),
                instant(row, "expires_at"), instant(row, "cancelled_at"), instant(row, "ended_at"));
        return new StoredRow(subscription, row.getString("seal"), row.getString("seal_key_id"));
    }

    private static Subscription withId(Subscription s, long id) {
        return new Subscription(id, s.subscriberId(), s.serviceCode(), s.fee(), s.period(), s.zone(), s.status(),
                s.autoRenew(), s.startedAt(), s.periodNumber(), s.effectiveAt(), s.expiresAt(), s.cancelledAt(),
                s.endedAt());
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
