package org.selfcare.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.postgresql.PGConnection;
import org.selfcare.integrity.RecordSeal;
import org.selfcare.integrity.RecordSealer;
import org.selfcare.integrity.Seal;
import org.selfcare.integrity.SealAlerts;
import org.selfcare.integrity.SealedRecord;
import org.selfcare.platform.BinaryCopy;
import org.selfcare.platform.KeysetCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prepaid accounts: the one place that moves money. Every change of a balance is a ledger entry written in the
 * same transaction as the balance, and an entry's reference makes a repeated posting a no-op.
 */
@Service
public class Accounts {

    private static final Logger logger = LoggerFactory.getLogger(Accounts.class);

    private static final String PURCHASE = "PURCHASE";

    private static final String SUBSCRIPTION_FEE = "SUBSCRIPTION_FEE";

    private static final String SUBSCRIPTION_REFUND = "SUBSCRIPTION_REFUND";

    private final JdbcClient jdbc;

    private final JdbcTemplate template;

    private final RecordSealer sealer;

    private final SealAlerts alerts;

    private final SealedLedger ledger;

    Accounts(JdbcClient jdbc, JdbcTemplate template, RecordSealer sealer, SealAlerts alerts, SealedLedger ledger) {
        this.jdbc = jdbc;
        this.template = template;
        this.sealer = sealer;
        this.alerts = alerts;
        this.ledger = ledger;
    }

    @Transactional
    public void open(long subscriberId, Currency currency) {
        jdbc.sql("INSERT INTO account (subscriber_id, currency, balance_minor) VALUES (?, ?, 0)")
                .params(subscriberId, currency.getCurrencyCode())
                .update();
        logger.info("Opened account subscriberId={} currency={}", subscriberId, currency);
    }

    /**
     * Returns the balance once the ledger vouches for it: the seal of every ledger entry of the subscriber
     * verifies, and the entries add up to the stored balance. When a check fails the balance is withheld and an
     * integrity alert names the broken ledger entry, or the account when only the sum differs.
     *
     * @return empty when the subscriber has no account
     */
    public Optional<SealedRecord<Money>> balance(long subscriberId) {
        Optional<Money> stored = jdbc.sql("SELECT balance_minor, currency FROM account WHERE subscriber_id = ?")
                .param(subscriberId)
                .query((rows, rowNumber) -> Money.of(rows.getLong(1), rows.getString(2)))
                .optional();
        return stored.map((balance) -> ledger.vouchesFor(subscriberId, balance)
                ? SealedRecord.intact(subscriberId, balance)
                : SealedRecord.<Money>withheld(subscriberId));
    }

    /**
     * Records a completed payment and credits it to the balance. A payment whose reference was recorded before
     * changes nothing.
     *
     * @return whether the payment was new
     */
    @Transactional
    public boolean recordPayment(long subscriberId, Money amount, PaymentChannel channel, String reference,
            Instant paidAt) {
        if (amount.minorUnits() <= 0) {
            throw new IllegalArgumentException("A payment must be positive, got " + amount.minorUnits());
        }
        Instant paid = RecordSeal.truncate(paidAt);
        String currency = amount.currency().getCurrencyCode();
        Seal seal = sealer.seal(RecordSeal.payment(subscriberId, amount.minorUnits(), currency, channel.name(),
                PaymentStatus.COMPLETED.name(), reference, paid));
        int inserted = jdbc.sql("""
                INSERT INTO payment (subscriber_id, amount_minor, currency, channel, status, reference, paid_at, seal,
                                     seal_key_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (reference) DO NOTHING""")
                .params(subscriberId, amount.minorUnits(), currency, channel.name(), PaymentStatus.COMPLETED.name(),
                        reference, Timestamp.from(paid), seal.value(), seal.keyId())
                .update();
        if (inserted == 0) {
            return false;
        }
        post(subscriberId, "TOP_UP", amount, "payment:" + reference, "Top-up by " + channel.name().toLowerCase(),
                paid);
        logger.info("Recorded payment subscriberId={} amountMinor={} currency={} reference={}", subscriberId,
                amount.minorUnits(), amount.currency(), reference);
        return true;
    }

    /**
     * Pays an amount from the balance in one conditional statement, so two payments that race for the same credit
     * cannot both pass a check made before the other's debit. The debit is a sealed {@code PURCHASE} ledger entry,
     * and a reference debited before changes nothing. Joins the caller's transaction, so an order and its payment
     * commit together.
     *
     * @return whether this call debited the balance; {@code false} when the reference was debited before
     * @throws InsufficientCreditException when the balance does not cover the amount; nothing is written
     */
    @Transactional
    public boolean payFromCredit(long subscriberId, Money amount, String reference, String description,
            Instant paidAt) {
        if (amount.minorUnits() <= 0) {
            throw new IllegalArgumentException("A payment must be positive, got " + amount.minorUnits());
        }
        Instant paid = RecordSeal.truncate(paidAt);
        String currency = amount.currency().getCurrencyCode();
        long debit = -amount.minorUnits();
        int inserted = insertEntry(subscriberId, PURCHASE, debit, currency, reference, description, paid);
        if (inserted == 0) {
            return false;
        }

        // The condition is evaluated on the locked row, after any concurrent debit committed.
        int debited = jdbc.sql("""
                UPDATE account SET balance_minor = balance_minor - ?, updated_at = now()
                WHERE subscriber_id = ? AND currency = ? AND balance_minor >= ?""")
                .params(amount.minorUnits(), subscriberId, currency, amount.minorUnits())
                .update();
        if (debited != 1) {
            throw new InsufficientCreditException(subscriberId, amount);
        }
        logger.info("Paid from store credit subscriberId={} amountMinor={} currency={} reference={}", subscriberId,
                amount.minorUnits(), currency, reference);
        return true;
    }

    /**
     * Returns whether the balance covers {@code amount} now, for a check before an operation that requests a
     * confirmation from the subscriber. The debit itself checks again.
     */
    public boolean covers(long subscriberId, Money amount) {
        return jdbc.sql("SELECT balance_minor >= ? FROM account WHERE subscriber_id = ? AND currency = ?")
                .params(amount.minorUnits(), subscriberId, amount.currency().getCurrencyCode())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /**
     * Debits the fee of one subscription period as a sealed {@code SUBSCRIPTION_FEE} ledger entry, when the balance
     * covers it. The balance moves in one conditional statement first, so a refusal writes nothing and the caller's
     * transaction can go on. Joins the caller's transaction.
     *
     * @param reference names the subscription and the period; the unique ledger reference charges a period at most
     *        once
     * @return whether the balance covered the fee and was debited
     * @throws IllegalStateException when the reference was charged before; the caller's transaction must roll back
     */
    @Transactional
    public boolean chargeSubscriptionFee(long subscriberId, Money fee, String reference, String description,
            Instant chargedAt) {
        if (fee.minorUnits() <= 0) {
            throw new IllegalArgumentException("A fee must be positive, got " + fee.minorUnits());
        }
        String currency = fee.currency().getCurrencyCode();
        int debited = jdbc.sql("""
                UPDATE account SET balance_minor = balance_minor - ?, updated_at = now()
                WHERE subscriber_id = ? AND currency = ? AND balance_minor >= ?""")
                .params(fee.minorUnits(), subscriberId, currency, fee.minorUnits())
                .update();
        if (debited != 1) {
            return false;
        }
        Instant charged = RecordSeal.truncate(chargedAt);
        if (insertEntry(subscriberId, SUBSCRIPTION_FEE, -fee.minorUnits(), currency, reference, description,
                charged) != 1) {
            throw new IllegalStateException("Ledger reference " + reference + " was posted before");
        }
        logger.info("Charged subscription fee subscriberId={} amountMinor={} currency={} reference={}", subscriberId,
                fee.minorUnits(), currency, reference);
        return true;
    }

    /**
     * Credits the unused part of a subscription fee as a sealed {@code SUBSCRIPTION_REFUND} ledger entry. Joins the
     * caller's transaction.
     *
     * @throws IllegalStateException when the reference was posted before
     */
    @Transactional
    public void creditSubscriptionRefund(long subscriberId, Money refund, String reference, String description,
            Instant creditedAt) {
        if (refund.minorUnits() <= 0) {
            throw new IllegalArgumentException("A refund must be positive, got " + refund.minorUnits());
        }
        post(subscriberId, SUBSCRIPTION_REFUND, refund, reference, description, creditedAt);
        logger.info("Credited subscription refund subscriberId={} amountMinor={} currency={} reference={}",
                subscriberId, refund.minorUnits(), refund.currency(), reference);
    }

    /**
     * Debits call charges in one statement, after locking the charged accounts in subscriber order: entries whose
     * reference was posted before are skipped, and each balance moves by the sum of the entries that were new. Must run inside the caller's transaction, so the
     * charges commit together with the call records they price.
     *
     * @return the number of new ledger entries
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int postCallCharges(List<CallCharge> charges, Currency currency) {
        if (charges.isEmpty()) {
            return 0;
        }
        ChargeColumns columns = ChargeColumns.sealed(charges, currency, sealer);
        long[] subscribers = columns.distinctSubscribers();
        return template.execute((Connection connection) -> {
            PGConnection arrays = connection.unwrap(PGConnection.class);
            lockInSubscriberOrder(connection, arrays, subscribers);
            try (PreparedStatement statement = connection.prepareStatement("""
                    WITH new_entries AS (
                        INSERT INTO ledger_entry (subscriber_id, kind, amount_minor, currency, reference, description,
                                                  occurred_at, seal, seal_key_id)
                        SELECT s, 'CALL_CHARGE', a, ?, r, d, t, se, sk
                        FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                                    ?::text[]) AS c (s, a, r, d, t, se, sk)
                        ON CONFLICT (subscriber_id, reference) DO NOTHING
                        RETURNING subscriber_id, amount_minor),
                    totals AS (
                        SELECT subscriber_id, sum(amount_minor) AS total, count(*) AS entries
                        FROM new_entries GROUP BY subscriber_id),
                    moved AS (
                        UPDATE account SET balance_minor = balance_minor + totals.total, updated_at = now()
                        FROM totals WHERE account.subscriber_id = totals.subscriber_id
                        RETURNING totals.entries)
                    SELECT coalesce(sum(entries), 0) FROM moved""")) {
                columns.bind(arrays, statement);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    /**
     * Debits call charges that the caller knows to be new, such as the charges of call records it has just
     * inserted. It does the work of {@link #postCallCharges} with COPY and without looking up every reference
     * first, which makes an import of new records much cheaper. Must run inside the caller's transaction, and
     * should be its last work before the commit, because it leaves the charged accounts locked.
     *
     * @return the number of ledger entries, which is the number of charges
     * @throws DuplicateKeyException when a reference was posted before; nothing is posted then
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int postNewCallCharges(List<CallCharge> charges, Currency currency) {
        if (charges.isEmpty()) {
            return 0;
        }
        ChargeColumns columns = ChargeColumns.sealed(charges, currency, sealer);
        Map<Long, Long> totals = new TreeMap<>();
        charges.forEach((charge) -> totals.merge(charge.subscriberId(), -charge.amountMinor(), Long::sum));
        long[] totalSubscribers = totals.keySet().stream().mapToLong(Long::longValue).toArray();
        long[] totalAmounts = totals.values().stream().mapToLong(Long::longValue).toArray();
        return template.execute((Connection connection) -> {
            try (BinaryCopy copy = BinaryCopy.into(connection, "ledger_entry", "subscriber_id", "kind",
                    "amount_minor", "currency", "reference", "description", "occurred_at", "seal", "seal_key_id")) {
                for (int i = 0; i < columns.subscribers.length; i++) {
                    copy.row()
                            .int8(columns.subscribers[i])
                            .text("CALL_CHARGE")
                            .int8(columns.amounts[i])
                            .text(columns.currency)
                            .text(columns.references[i])
                            .text(columns.descriptions[i])
                            .timestamp(columns.times[i])
                            .text(columns.seals[i])
                            .text(columns.sealKeyIds[i]);
                }
                copy.finish();
            }
            // The accounts are locked only now, right before their update and the caller's commit, because a
            // concurrent import chunk that charges the same subscribers waits for these locks.
            PGConnection arrays = connection.unwrap(PGConnection.class);
            lockInSubscriberOrder(connection, arrays, totalSubscribers);
            try (PreparedStatement statement = connection.prepareStatement("""
                    UPDATE account SET balance_minor = balance_minor + totals.total, updated_at = now()
                    FROM unnest(?::bigint[], ?::bigint[]) AS totals (subscriber_id, total)
                    WHERE account.subscriber_id = totals.subscriber_id""")) {
                statement.setArray(1, arrays.createArrayOf("int8", totalSubscribers));
                statement.setArray(2, arrays.createArrayOf("int8", totalAmounts));
                statement.executeUpdate();
            }
            return charges.size();
        });
    }

    /**
     * Locks the accounts of {@code subscribers}, which must be sorted, in subscriber order. Posting charges
     * updates the accounts in whatever order its join yields, so without this two transactions charging the same
     * subscribers could each hold an account that the other waits for.
     */
    private static void lockInSubscriberOrder(Connection connection, PGConnection arrays, long[] subscribers)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("""
                SELECT subscriber_id FROM account WHERE subscriber_id = ANY(?)
                ORDER BY subscriber_id FOR NO KEY UPDATE""")) {
            lock.setArray(1, arrays.createArrayOf("int8", subscribers));
            lock.executeQuery().close();
        }
    }

    /**
     * Columns of sealed {@code CALL_CHARGE} ledger entries.
     */
    private record ChargeColumns(String currency, long[] subscribers, long[] amounts, String[] references,
            String[] descriptions, Instant[] times, String[] seals, String[] sealKeyIds) {

        static ChargeColumns sealed(List<CallCharge> charges, Currency currency, RecordSealer sealer) {
            int size = charges.size();
            ChargeColumns columns = new ChargeColumns(currency.getCurrencyCode(), new long[size], new long[size],
                    new String[size], new String[size], new Instant[size], new String[size], new String[size]);
            for (int i = 0; i < size; i++) {
                CallCharge charge = charges.get(i);
                Instant occurredAt = RecordSeal.truncate(charge.occurredAt());
                columns.subscribers[i] = charge.subscriberId();
                columns.amounts[i] = -charge.amountMinor();
                columns.references[i] = charge.reference();
                columns.descriptions[i] = charge.description();
                columns.times[i] = occurredAt;
                Seal seal = sealer.seal(RecordSeal.ledgerEntry(charge.subscriberId(), "CALL_CHARGE",
                        columns.amounts[i], columns.currency, charge.reference(), charge.description(), occurredAt));
                columns.seals[i] = seal.value();
                columns.sealKeyIds[i] = seal.keyId();
            }
            return columns;
        }

        long[] distinctSubscribers() {
            return Arrays.stream(subscribers).distinct().sorted().toArray();
        }

        /**
         * Binds the currency and then the columns as arrays, parameters 1 to 8. PostgreSQL's own array factory
         * sends the number columns in binary.
         */
        void bind(PGConnection connection, PreparedStatement statement) throws SQLException {
            statement.setString(1, currency);
            statement.setArray(2, connection.createArrayOf("int8", subscribers));
            statement.setArray(3, connection.createArrayOf("int8", amounts));
            statement.setArray(4, connection.createArrayOf("text", references));
            statement.setArray(5, connection.createArrayOf("text", descriptions));
            statement.setArray(6, connection.createArrayOf("timestamptz",
                    Arrays.stream(times).map(Timestamp::from).toArray(Timestamp[]::new)));
            statement.setArray(7, connection.createArrayOf("text", seals));
            statement.setArray(8, connection.createArrayOf("text", sealKeyIds));
        }
    }

    /**
     * Returns one page of the subscriber's payments, newest first, using keyset pagination.
     *
     * @param cursor from the previous page, or {@code null} for the first page
     * @param limit page size
     */
    public PaymentPage payments(long subscriberId, String cursor, int limit) {
        KeysetCursor after = KeysetCursor.parse(cursor);
        List<SealedPayment> rows = jdbc.sql("""
                SELECT id, amount_minor, currency, channel, status, reference, paid_at, seal, seal_key_id FROM payment
                WHERE subscriber_id = :subscriber
                  AND (CAST(:afterTime AS timestamptz) IS NULL OR (paid_at, id) < (:afterTime, :afterId))
                ORDER BY paid_at DESC, id DESC LIMIT :limit""")
                .param("subscriber", subscriberId)
                .param("afterTime", after == null ? null : Timestamp.from(after.time()))
                .param("afterId", after == null ? 0L : after.id())
                .param("limit", limit + 1)
                .query((resultSet, rowNumber) -> new SealedPayment(resultSet.getLong("id"),
                        resultSet.getLong("amount_minor"), resultSet.getString("currency"),
                        resultSet.getString("channel"), resultSet.getString("status"),
                        resultSet.getString("reference"), resultSet.getTimestamp("paid_at").toInstant(),
                        resultSet.getString("seal"), resultSet.getString("seal_key_id")))
                .list();

        List<SealedPayment> page = (rows.size() <= limit) ? rows : rows.subList(0, limit);
        List<SealedRecord<Payment>> payments = page.stream().map((row) -> verify(subscriberId, row)).toList();
        if (rows.size() <= limit) {
            return new PaymentPage(payments, null);
        }
        SealedPayment last = page.get(limit - 1);
        return new PaymentPage(payments, new KeysetCursor(last.paidAt(), last.id()).encode());
    }

    /**
     * Returns the payment when its seal verifies, or withholds it and raises the integrity alert.
     */
    private SealedRecord<Payment> verify(long subscriberId, SealedPayment row) {
        RecordSeal expected = RecordSeal.payment(subscriberId, row.amountMinor(), row.currency(), row.channel(),
                row.status(), row.reference(), row.paidAt());
        if (!sealer.verifies(expected, row.seal(), row.sealKeyId())) {
            alerts.alert("payment", row.id(), subscriberId);
            return SealedRecord.withheld(row.id());
        }
        return SealedRecord.intact(row.id(), new Payment(row.id(), Money.of(row.amountMinor(), row.currency()),
                PaymentChannel.valueOf(row.channel()), PaymentStatus.valueOf(row.status()), row.reference(),
                row.paidAt()));
    }

    /**
     * A payment row as stored, before its seal is checked.
     */
    private record SealedPayment(long id, long amountMinor, String currency, String channel, String status,
            String reference, Instant paidAt, String seal, String sealKeyId) {
    }

    private void post(long subscriberId, String kind, Money amount, String reference, String description,
            Instant occurredAt) {
        Instant occurred = RecordSeal.truncate(occurredAt);
        if (insertEntry(subscriberId, kind, amount.minorUnits(), amount.currency().getCurrencyCode(), reference,
                description, occurred) != 1) {
            throw new IllegalStateException("Ledger reference " + reference + " was posted before");
        }
        int updated = jdbc.sql("""
                UPDATE account SET balance_minor = balance_minor + ?, updated_at = now()
                WHERE subscriber_id = ? AND currency = ?""")
                .params(amount.minorUnits(), subscriberId, amount.currency().getCurrencyCode())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Subscriber " + subscriberId + " has no account in " + amount.currency());
        }
    }

    /**
     * Inserts a sealed ledger entry unless the subscriber has one with the same reference.
     *
     * @return 1 when inserted, 0 when the reference was posted before
     */
    private int insertEntry(long subscriberId, String kind, long amountMinor, String currency, String reference,
            String description, Instant occurredAt) {
        Seal seal = sealer.seal(RecordSeal.ledgerEntry(subscriberId, kind, amountMinor, currency, reference,
                description, occurredAt));
        return jdbc.sql("""
                INSERT INTO ledger_entry (subscriber_id, kind, amount_minor, currency, reference, description, occurred_at,
                                          seal, seal_key_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscriber_id, reference) DO NOTHING""")
                .params(subscriberId, kind, amountMinor, currency, reference, description, Timestamp.from(occurredAt),
                        seal.value(), seal.keyId())
                .update();
    }
}
