package org.selfcare.integrity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;
import org.selfcare.usage.CallRecordImporter;
import org.selfcare.usage.ImportOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edits sealed rows directly in the database, as an attacker with database access would, and checks that the
 * API withholds them, raises one integrity alert per record and still shows the untouched rows. Every edit is
 * undone afterwards, so the shared test database keeps verifying for {@code verify-seals}.
 */
@PortalTest
class SealedRecordsTests {

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    CallRecordImporter importer;

    @Autowired
    RecordSealer sealer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    Subscriber subscriber;

    List<Long> callIds;

    List<Long> paymentIds;

    @BeforeEach
    void subscriberWithCallsAndPayments() throws Exception {
        subscriber = TestSubscribers.create(directory, accounts);
        String digits = subscriber.msisdnE164().substring(3);
        String log = "user,other,direction,duration,timestamp,antenna_id,cost\n"
                + digits + ",7700900001,Outgoing,61,Wed Sep 15 19:17:44 +0100 2010,2,33\n"
                + digits + ",2079460000,Outgoing,125,Thu Sep 16 08:00:00 +0100 2010,3,1\n";
        importer.importStream(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), "seal-test.csv",
                new ImportOptions(ZoneId.of("Europe/London"), "GB", null, ImportOptions.DEFAULT_EARLIEST),
                (rejected) -> {
                });
        accounts.recordPayment(subscriber.id(), Money.of(2000, "GBP"), PaymentChannel.CARD,
                "seal-a-" + subscriber.id(), Instant.parse("2010-09-01T10:00:00Z"));
        accounts.recordPayment(subscriber.id(), Money.of(1500, "GBP"), PaymentChannel.VOUCHER,
                "seal-b-" + subscriber.id(), Instant.parse("2010-09-02T10:00:00Z"));
        callIds = ids("SELECT id FROM call_record WHERE subscriber_id = ? ORDER BY started_at");
        paymentIds = ids("SELECT id FROM payment WHERE subscriber_id = ? ORDER BY paid_at");
    }

    @Test
    void importedRecordsVerify() {
        List<Boolean> verified = jdbc.sql("""
                SELECT record_key, direction, other_party, other_party_e164, started_at, duration_seconds,
                       billable_seconds, answered, charge_minor, currency, seal, seal_key_id
                FROM call_record WHERE subscriber_id = ?""")
                .param(subscriber.id())
                .query((row, number) -> sealer.verifies(RecordSeal.callRecord(subscriber.id(), row.getString(1),
                        row.getString(2), row.getString(3), row.getString(4), row.getTimestamp(5).toInstant(),
                        row.getInt(6), row.getInt(7), row.getBoolean(8), row.getLong(9), row.getString(10)),
                        row.getString(11), row.getString(12)))
                .list();

        assertThat(verified).hasSize(2).containsOnly(true);
        assertThat(callIds).hasSize(2);
    }

    @Test
    void intactRecordsAreShown() throws Exception {
        PortalClient client = signedIn();

        JsonNode calls = items(client.get("/api/v1/calls"));
        JsonNode payments = items(client.get("/api/v1/payments"));
        String balance = client.get("/api/v1/balance").body();

        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).has("unavailable")).isFalse();
        assertThat(payments).hasSize(2);
        assertThat(payments.get(0).has("unavailable")).isFalse();
        assertThat(balance).contains("\"minorUnits\":");
        assertThat(balance).doesNotContain("unavailable");
    }

    @Test
    void editedCallRecordIsWithheld() throws Exception {
        long edited = callIds.get(0);
        long neighbour = callIds.get(1);
        PortalClient client = signedIn();

        JsonNode first;
        JsonNode second;
        try {
            jdbc.sql("UPDATE call_record SET duration_seconds = duration_seconds + 600 WHERE id = ?").param(edited)
                    .update();
            first = items(client.get("/api/v1/calls"));
            second = items(client.get("/api/v1/calls"));
        }
        finally {
            jdbc.sql("UPDATE call_record SET duration_seconds = duration_seconds - 600 WHERE id = ?").param(edited)
                    .update();
        }

        assertWithheld(item(first, edited), edited);
        assertThat(item(first, neighbour).get("otherParty").asString()).isEqualTo("2079460000");
        assertWithheld(item(second, edited), edited);
        assertThat(alerts("call_record", edited)).as("alerts after two reads").isEqualTo(1);
        assertThat(alerts("call_record", neighbour)).isZero();
    }

    @Test
    void editedPaymentIsWithheld() throws Exception {
        long edited = paymentIds.get(0);
        long neighbour = paymentIds.get(1);
        PortalClient client = signedIn();

        JsonNode first;
        try {
            jdbc.sql("UPDATE payment SET amount_minor = 200000 WHERE id = ?").param(edited).update();
            first = items(client.get("/api/v1/payments"));
            client.get("/api/v1/payments");
        }
        finally {
            jdbc.sql("UPDATE payment SET amount_minor = 2000 WHERE id = ?").param(edited).update();
        }

        assertWithheld(item(first, edited), edited);
        assertThat(item(first, neighbour).get("reference").asString()).isEqualTo("seal-b-" + subscriber.id());
        assertThat(alerts("payment", edited)).isEqualTo(1);
        assertThat(alerts("payment", neighbour)).isZero();
    }

    @Test
    void editedLedgerEntryWithholdsBalance() {
        long edited = jdbc.sql("SELECT id FROM ledger_entry WHERE subscriber_id = ? AND kind = 'TOP_UP' "
                + "ORDER BY id LIMIT 1").param(subscriber.id()).query(Long.class).single();
        PortalClient client = signedIn();

        String balance;
        try {
            // The balance moves with the entry, so only the entry's seal can tell.
            jdbc.sql("UPDATE ledger_entry SET amount_minor = amount_minor + 100000 WHERE id = ?").param(edited)
                    .update();
            jdbc.sql("UPDATE account SET balance_minor = balance_minor + 100000 WHERE subscriber_id = ?")
                    .param(subscriber.id()).update();
            balance = client.get("/api/v1/balance").body();
            client.get("/api/v1/balance");
        }
        finally {
            jdbc.sql("UPDATE ledger_entry SET amount_minor = amount_minor - 100000 WHERE id = ?").param(edited)
                    .update();
            jdbc.sql("UPDATE account SET balance_minor = balance_minor - 100000 WHERE subscriber_id = ?")
                    .param(subscriber.id()).update();
        }

        assertThat(balance).isEqualTo("{\"unavailable\":true}");
        assertThat(alerts("ledger_entry", edited)).isEqualTo(1);
        assertThat(client.get("/api/v1/balance").body()).contains("\"minorUnits\":");
    }

    @Test
    void editedBalanceIsWithheld() {
        PortalClient client = signedIn();

        String balance;
        try {
            jdbc.sql("UPDATE account SET balance_minor = balance_minor + 100000 WHERE subscriber_id = ?")
                    .param(subscriber.id()).update();
            balance = client.get("/api/v1/balance").body();
        }
        finally {
            jdbc.sql("UPDATE account SET balance_minor = balance_minor - 100000 WHERE subscriber_id = ?")
                    .param(subscriber.id()).update();
        }

        assertThat(balance).isEqualTo("{\"unavailable\":true}");
        assertThat(alerts("account", subscriber.id())).isEqualTo(1);
    }

    @Test
    void sealFromUnknownKeyIsWithheld() throws Exception {
        long edited = paymentIds.get(1);
        PortalClient client = signedIn();

        JsonNode payments;
        String keyId = jdbc.sql("SELECT seal_key_id FROM payment WHERE id = ?").param(edited).query(String.class)
                .single();
        try {
            jdbc.sql("UPDATE payment SET seal_key_id = 'retired' WHERE id = ?").param(edited).update();
            payments = items(client.get("/api/v1/payments"));
        }
        finally {
            jdbc.sql("UPDATE payment SET seal_key_id = ? WHERE id = ?").params(keyId, edited).update();
        }

        assertWithheld(item(payments, edited), edited);
        assertThat(alerts("payment", edited)).isEqualTo(1);
    }

    @Test
    void missingSealIsWithheld() throws Exception {
        long edited = callIds.get(1);
        PortalClient client = signedIn();

        JsonNode calls;
        String seal = jdbc.sql("SELECT seal FROM call_record WHERE id = ?").param(edited).query(String.class).single();
        try {
            jdbc.sql("UPDATE call_record SET seal = NULL WHERE id = ?").param(edited).update();
            calls = items(client.get("/api/v1/calls"));
        }
        finally {
            jdbc.sql("UPDATE call_record SET seal = ? WHERE id = ?").params(seal, edited).update();
        }

        assertWithheld(item(calls, edited), edited);
    }

    @Test
    void pagesCarryUnavailableText() {
        PortalClient client = signedIn();

        for (String page : List.of("/", "/calls", "/payments")) {
            assertThat(client.getPage(page).body()).as(page)
                    .contains("data-text-unavailable=\"This record is unavailable.\"");
        }
    }

    private void assertWithheld(JsonNode item, long id) {
        assertThat(item.get("id").asLong()).isEqualTo(id);
        assertThat(item.get("unavailable").asBoolean()).isTrue();
        assertThat(item.size()).as("fields of a withheld item").isEqualTo(2);
    }

    private JsonNode items(java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("items");
    }

    private static JsonNode item(JsonNode items, long id) {
        for (JsonNode item : items) {
            if (item.get("id").asLong() == id) {
                return item;
            }
        }
        throw new AssertionError("No item with id " + id + " in " + items);
    }

    private long alerts(String table, long id) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = 'INTEGRITY_ALERT' AND reason = ?")
                .param("The seal of " + table + " " + id + " does not verify")
                .query(Long.class)
                .single();
    }

    private List<Long> ids(String sql) {
        return new ArrayList<>(jdbc.sql(sql).param(subscriber.id()).query(Long.class).list());
    }

    /**
     * Signs in and proves the identity for call records, which need a second authentication.
     */
    private PortalClient signedIn() {
        PortalClient client = new PortalClient(port);
        client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);
        assertThat(client.stepUp("call-records", TestSubscribers.SERVICE_PASSWORD).statusCode()).as("step-up")
                .isEqualTo(200);
        return client;
    }
}
