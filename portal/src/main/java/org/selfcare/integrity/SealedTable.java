package org.selfcare.integrity;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The sealed tables as the start-up sealing job and {@code verify-seals} read them: which columns to select,
 * how a row encodes, and how to address one row for an update. Writers and readers in the feature modules use
 * the same {@link RecordSeal} encodings.
 */
enum SealedTable {

    CALL_RECORD("call_record", """
            SELECT id, subscriber_id, record_key, direction, other_party, other_party_e164, started_at,
                   duration_seconds, billable_seconds, answered, charge_minor, currency, seal, seal_key_id
            FROM call_record""",
            // The primary key, so the update finds its partition and index instead of scanning every month.
            "UPDATE call_record SET seal = ?, seal_key_id = ? WHERE subscriber_id = ? AND started_at = ? AND id = ? "
                    + "AND seal IS NULL") {

        @Override
        RecordSeal encode(ResultSet row) throws SQLException {
            return RecordSeal.callRecord(row.getLong("subscriber_id"), row.getString("record_key"),
                    row.getString("direction"), row.getString("other_party"), row.getString("other_party_e164"),
                    row.getTimestamp("started_at").toInstant(), row.getInt("duration_seconds"),
                    row.getInt("billable_seconds"), row.getBoolean("answered"), row.getLong("charge_minor"),
                    row.getString("currency"));
        }

        @Override
        void bindKey(PreparedStatement update, ResultSet row, int first) throws SQLException {
            update.setLong(first, row.getLong("subscriber_id"));
            update.setTimestamp(first + 1, row.getTimestamp("started_at"));
            update.setLong(first + 2, row.getLong("id"));
        }
    },

    PAYMENT("payment", """
            SELECT id, subscriber_id, amount_minor, currency, channel, status, reference, paid_at, seal, seal_key_id
            FROM payment""",
            "UPDATE payment SET seal = ?, seal_key_id = ? WHERE id = ? AND seal IS NULL") {

        @Override
        RecordSeal encode(ResultSet row) throws SQLException {
            return RecordSeal.payment(row.getLong("subscriber_id"), row.getLong("amount_minor"),
                    row.getString("currency"), row.getString("channel"), row.getString("status"),
                    row.getString("reference"), row.getTimestamp("paid_at").toInstant());
        }
    },

    LEDGER_ENTRY("ledger_entry", """
            SELECT id, subscriber_id, kind, amount_minor, currency, reference, description, occurred_at, seal,
                   seal_key_id
            FROM ledger_entry""",
            "UPDATE ledger_entry SET seal = ?, seal_key_id = ? WHERE id = ? AND seal IS NULL") {

        @Override
        RecordSeal encode(ResultSet row) throws SQLException {
            return RecordSeal.ledgerEntry(row.getLong("subscriber_id"), row.getString("kind"),
                    row.getLong("amount_minor"), row.getString("currency"), row.getString("reference"),
                    row.getString("description"), row.getTimestamp("occurred_at").toInstant());
        }
    },

    SUBSCRIPTION("subscription", """
            SELECT id, subscriber_id, service_code, fee_minor, currency, billing_period, time_zone, status, auto_renew,
                   started_at, period_number, effective_at, expires_at, cancelled_at, ended_at, seal, seal_key_id
            FROM subscription""",
            "UPDATE subscription SET seal = ?, seal_key_id = ? WHERE id = ? AND seal IS NULL") {

        @Override
        RecordSeal encode(ResultSet row) throws SQLException {
            return RecordSeal.subscription(row.getLong("subscriber_id"), row.getString("service_code"),
                    row.getLong("fee_minor"), row.getString("currency"), row.getString("billing_period"),
                    row.getString("time_zone"), row.getString("status"), row.getBoolean("auto_renew"),
                    row.getTimestamp("started_at").toInstant(), row.getInt("period_number"),
                    row.getTimestamp("effective_at").toInstant(), row.getTimestamp("expires_at").toInstant(),
                    instantOrNull(row.getTimestamp("cancelled_at")), instantOrNull(row.getTimestamp("ended_at")));
        }
    };

    private final String tableName;

    private final String select;

    private final String sealUnsealed;

    SealedTable(String tableName, String select, String sealUnsealed) {
        this.tableName = tableName;
        this.select = select;
        this.sealUnsealed = sealUnsealed;
    }

    String tableName() {
        return tableName;
    }

    /** Returns the query that selects every row with its seal. */
    String select() {
        return select;
    }

    /** Returns the update that seals one row without a seal. Parameters 1 and 2 are the seal and its key id. */
    String sealUnsealed() {
        return sealUnsealed;
    }

    abstract RecordSeal encode(ResultSet row) throws SQLException;

    private static java.time.Instant instantOrNull(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Binds the row's key to the parameters of {@link #sealUnsealed()} from {@code first} on. */
    void bindKey(PreparedStatement update, ResultSet row, int first) throws SQLException {
        update.setLong(first, row.getLong("id"));
    }
}
