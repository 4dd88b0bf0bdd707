package org.selfcare.conformance.support;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stand-in portal's call records and payments, each sealed with an HMAC over its fields as Selfcare seals
 * them. Kept in memory by default, or in a real PostgreSQL when a test wants to change a record behind the
 * stand-in's back. A record whose seal fails is withheld as {@code {"id": ..., "unavailable": true}}, unless
 * the stand-in was told to show it anyway.
 */
final class SealedRecords {

    static final long CALL_ID = 1;

    static final long PAYMENT_ID = 7;

    private final byte[] sealKey = new byte[32];

    private final TestPostgres database;

    private SealedRecords(TestPostgres database) {
        new SecureRandom().nextBytes(sealKey);
        this.database = database;
    }

    static SealedRecords inMemory() {
        return new SealedRecords(null);
    }

    /**
     * Creates Selfcare's {@code call_record} and {@code payment} tables afresh, cut down to the fields the
     * stand-in shows, with one sealed row each for {@code e164}.
     */
    static SealedRecords inDatabase(TestPostgres database, String e164) {
        SealedRecords records = new SealedRecords(database);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS call_record, payment");
            statement.execute("CREATE TABLE call_record (id bigint PRIMARY KEY, msisdn text NOT NULL, "
                    + "other_party text NOT NULL, duration_seconds integer NOT NULL, charge_minor bigint NOT NULL, "
                    + "seal text NOT NULL)");
            statement.execute("CREATE TABLE payment (id bigint PRIMARY KEY, msisdn text NOT NULL, "
                    + "amount_minor bigint NOT NULL, currency char(3) NOT NULL, seal text NOT NULL)");
            try (PreparedStatement call = connection.prepareStatement(
                    "INSERT INTO call_record VALUES (?, ?, ?, ?, ?, ?)")) {
                call.setLong(1, CALL_ID);
                call.setString(2, e164);
                call.setString(3, ContractPortal.CALLED_PARTY);
                call.setInt(4, 31);
                call.setLong(5, 12);
                call.setString(6, records.callSeal(CALL_ID, e164, ContractPortal.CALLED_PARTY, 31, 12));
                call.executeUpdate();
            }
            try (PreparedStatement payment = connection.prepareStatement(
                    "INSERT INTO payment VALUES (?, ?, ?, ?, ?)")) {
                payment.setLong(1, PAYMENT_ID);
                payment.setString(2, e164);
                payment.setLong(3, 1000);
                payment.setString(4, "GBP");
                payment.setString(5, records.paymentSeal(PAYMENT_ID, e164, 1000, "GBP"));
                payment.executeUpdate();
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot create the stand-in's sealed records", ex);
        }
        return records;
    }

    List<Map<String, Object>> calls(String e164, boolean showTampered) {
        if (database == null) {
            return List.of(call(CALL_ID, ContractPortal.CALLED_PARTY, 31, 12));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        query("SELECT id, other_party, duration_seconds, charge_minor, seal FROM call_record WHERE msisdn = ? "
                + "ORDER BY id", e164, (row) -> {
                    long id = row.getLong(1);
                    String seal = callSeal(id, e164, row.getString(2), row.getInt(3), row.getLong(4));
                    items.add(seal.equals(row.getString(5)) || showTampered
                            ? call(id, row.getString(2), row.getInt(3), row.getLong(4)) : unavailable(id));
                });
        return items;
    }

    List<Map<String, Object>> payments(String e164, boolean showTampered) {
        if (database == null) {
            return List.of(payment(PAYMENT_ID, 1000, "GBP"));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        query("SELECT id, amount_minor, currency, seal FROM payment WHERE msisdn = ? ORDER BY id", e164, (row) -> {
            long id = row.getLong(1);
            String seal = paymentSeal(id, e164, row.getLong(2), row.getString(3));
            items.add(seal.equals(row.getString(4)) || showTampered ? payment(id, row.getLong(2), row.getString(3))
                    : unavailable(id));
        });
        return items;
    }

    private interface RowReader {

        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, String e164, RowReader reader) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, e164);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot read the stand-in's sealed records", ex);
        }
    }

    private String callSeal(long id, String e164, String otherParty, int durationSeconds, long chargeMinor) {
        return ContractSignatures.hmac(sealKey, String.join("|", "call_record", Long.toString(id), e164, otherParty,
                Integer.toString(durationSeconds), Long.toString(chargeMinor)));
    }

    private String paymentSeal(long id, String e164, long amountMinor, String currency) {
        return ContractSignatures.hmac(sealKey, String.join("|", "payment", Long.toString(id), e164,
                Long.toString(amountMinor), currency));
    }

    private static Map<String, Object> call(long id, String otherParty, int durationSeconds, long chargeMinor) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", id);
        call.put("direction", "Outgoing");
        call.put("otherParty", otherParty);
        call.put("durationSeconds", durationSeconds);
        call.put("chargeMinor", chargeMinor);
        return call;
    }

    private static Map<String, Object> payment(long id, long amountMinor, String currency) {
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("id", id);
        payment.put("amountMinor", amountMinor);
        payment.put("currency", currency);
        return payment;
    }

    private static Map<String, Object> unavailable(long id) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("unavailable", true);
        return item;
    }
}
