package org.selfcare.account;

import java.time.Instant;

import org.selfcare.integrity.RecordSeal;
import org.selfcare.integrity.RecordSealer;
import org.selfcare.integrity.SealAlerts;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks a stored balance against the sealed ledger. The account row itself carries no seal, because the
 * balance is the sum of the ledger entries and each entry is sealed. A ledger entry whose seal fails, or a
 * balance that differs from the sum, shows that the stored data was changed outside the portal.
 */
@Component
class SealedLedger {

    private final JdbcClient jdbc;

    private final RecordSealer sealer;

    private final SealAlerts alerts;

    SealedLedger(JdbcClient jdbc, RecordSealer sealer, SealAlerts alerts) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.alerts = alerts;
    }

    /**
     * Returns whether every ledger entry of the subscriber verifies and the entries add up to {@code balance}.
     * Each broken entry raises its integrity alert, and a sum that differs raises one for the account.
     */
    // NOTE: this reads every ledger entry of the subscriber on each balance request and computes one HMAC per
    // entry, so the cost grows with the history. A sealed running total would bound it.
    boolean vouchesFor(long subscriberId, Money balance) {
        long[] sum = { 0 };
        boolean[] intact = { true };
        jdbc.sql("""
                SELECT id, kind, amount_minor, currency, reference, description, occurred_at, seal, seal_key_id
                FROM ledger_entry WHERE subscriber_id = ?""")
                .param(subscriberId)
                .query((RowCallbackHandler) (row) -> {
                    long id = row.getLong("id");
                    Instant occurredAt = row.getTimestamp("occurred_at").toInstant();
                    RecordSeal expected = RecordSeal.ledgerEntry(subscriberId, row.getString("kind"),
                            row.getLong("amount_minor"), row.getString("currency"), row.getString("reference"),
                            row.getString("description"), occurredAt);
                    if (!sealer.verifies(expected, row.getString("seal"), row.getString("seal_key_id"))) {
                        intact[0] = false;
                        alerts.alert("ledger_entry", id, subscriberId);
                    }
                    sum[0] += row.getLong("amount_minor");
                });
        if (!intact[0]) {
            return false;
        }
        if (sum[0] != balance.minorUnits()) {
            alerts.alert("account", subscriberId, subscriberId);
            return false;
        }
        return true;
    }
}
