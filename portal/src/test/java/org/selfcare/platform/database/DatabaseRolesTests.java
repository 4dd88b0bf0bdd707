package org.selfcare.platform.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.purchase.catalogue.Catalogue;
import org.selfcare.purchase.catalogue.ItemKind;
import org.selfcare.purchase.order.Shopper;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;
import org.selfcare.usage.CallRecordImporter;
import org.selfcare.usage.ImportOptions;
import org.selfcare.usage.ImportSummary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the portal as deploy/postgresql/roles.sql sets a database up: Flyway migrates as {@code selfcare_owner},
 * the portal runs as {@code selfcare_app}, and {@code selfcare_auditor} only reads. The server is a throwaway
 * cluster of this class, so the roles never touch the test data folder's database or a configured server.
 */
@PortalTest
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRolesTests {

    private static final Path ROLES_SQL = Path.of("..", "deploy", "postgresql", "roles.sql");

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    Catalogue catalogue;

    @Autowired
    CallRecordImporter importer;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> Cluster.get().url());
        registry.add("spring.datasource.username", () -> "selfcare_app");
        registry.add("spring.datasource.password", () -> Cluster.get().password("selfcare_app"));
        registry.add("spring.flyway.user", () -> "selfcare_owner");
        registry.add("spring.flyway.password", () -> Cluster.get().password("selfcare_owner"));
    }

    /**
     * Closes the portal's pool before the server stops, so that its threads fail at once instead of waiting for
     * a server that is gone until Spring closes the context after this class.
     */
    @AfterAll
    void stopCluster() {
        ((HikariDataSource) dataSource).close();
        Cluster.stop();
    }

    @Test
    void portalRunsAsRuntimeRoleAndFlywayAsOwner() {
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("selfcare_app");
        assertThat(jdbc.sql("SELECT DISTINCT installed_by FROM flyway_schema_history").query(String.class).list())
                .containsExactly("selfcare_owner");
        assertThat(jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                + "AND tableowner <> 'selfcare_owner'").query(String.class).list()).isEmpty();
    }

    @Test
    void subscriberSignsIn() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        PortalClient client = new PortalClient(port);

        HttpResponse<String> response = client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).doesNotContain("failed"));
        assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(200);
    }

    @Test
    void subscriberBuysRechargeCardWithStoreCredit() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        accounts.recordPayment(subscriber.id(), Money.of(2000, "GBP"), PaymentChannel.CARD, "t-" + Shopper.newKey(),
                Instant.now());
        String item = Shopper.newItem(catalogue, ItemKind.RECHARGE_CARD, 500, 10);
        Shopper shopper = new Shopper(port, subscriber.msisdn());

        HttpResponse<String> placed = shopper.order("{\"items\":[{\"itemId\":\"" + item + "\",\"quantity\":1}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String number = read(placed).get("order").get("number").stringValue();
        HttpResponse<String> paid = shopper.pay(number, "STORE_CREDIT");

        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(read(shopper.client.get("/api/v1/orders/" + number)).get("order").get("status").stringValue())
                .isEqualTo("FULFILLED");
    }

    @Test
    void importCreatesPartitionThroughOwnerFunction() throws IOException {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        String caller = subscriber.msisdnE164().substring(3);
        String csv = "user,other,direction,duration,timestamp,antenna_id,cost\n"
                + caller + ",7700900123,Outgoing,65,Tue Mar 15 10:00:00 +0000 2011,2,0\n";

        ImportSummary summary = importer.importStream(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "calls.csv",
                new ImportOptions(ZoneOffset.UTC, "GB", null, ImportOptions.DEFAULT_EARLIEST), (line) -> {
                });

        assertThat(summary.imported()).as(summary.toString()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM call_record WHERE subscriber_id = ?").param(subscriber.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'call_record_2011_03'")
                .query(String.class).single()).isEqualTo("selfcare_owner");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE intruder (id int)",
            "CREATE TEMPORARY TABLE intruder (id int)",
            "CREATE SCHEMA intruder",
            "CREATE FUNCTION intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "CREATE VIEW intruder AS SELECT 1",
            "ALTER TABLE subscriber ADD COLUMN intruder int",
            "ALTER TABLE security_event DISABLE TRIGGER ALL",
            "DROP TABLE security_event",
            "TRUNCATE security_event",
            "CREATE INDEX intruder ON subscriber (display_name)",
            "CREATE TABLE call_record_2099_01 PARTITION OF call_record "
                    + "FOR VALUES FROM ('2099-01-01') TO ('2099-02-01')",
            "CREATE ROLE intruder",
            "ALTER ROLE selfcare_app SUPERUSER" })
    void runtimeRoleCannotChangeSchema(String ddl) {
        assertRefused(dataSource, ddl);
    }

    @Test
    void runtimeRoleCannotRewriteMigrationHistory() throws Exception {
        // The operator runs roles.sql again after the first migration, which takes back the default privileges
        // Flyway's history table received when it was created.
        Cluster.get().applyRoles();

        assertRefused(dataSource, "DELETE FROM flyway_schema_history");
        assertRefused(dataSource, "UPDATE flyway_schema_history SET checksum = 0");
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history").query(Long.class).single()).isPositive();
    }

    @Test
    void auditorReadsButCannotWrite() throws SQLException {
        try (Connection auditor = Cluster.get().connect("selfcare_auditor");
                Statement statement = auditor.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM subscriber").close();
            statement.executeQuery("SELECT count(*) FROM security_event").close();
        }

        DataSource auditor = Cluster.get().dataSource("selfcare_auditor");
        assertRefused(auditor, "UPDATE subscriber SET display_name = 'changed'");
        assertRefused(auditor, "DELETE FROM security_event");
        assertRefused(auditor, "INSERT INTO catalogue_item (id) VALUES ('intruder')");
        assertRefused(auditor, "SELECT ensure_call_record_partition(now())");
        assertRefused(auditor, "CREATE TABLE intruder (id int)");
    }

    @Test
    void rolesHaveNoAdministrativeRights() {
        List<Map<String, Object>> roles = jdbc.sql("SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, "
                + "rolreplication, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname LIKE 'selfcare\\_%'")
                .query().listOfRows();

        assertThat(roles).extracting((row) -> row.get("rolname"))
                .containsExactlyInAnyOrder("selfcare_owner", "selfcare_app", "selfcare_auditor");
        for (Map<String, Object> role : roles) {
            assertThat(role).as(role.get("rolname").toString())
                    .containsEntry("rolsuper", false)
                    .containsEntry("rolcreatedb", false)
                    .containsEntry("rolcreaterole", false)
                    .containsEntry("rolreplication", false)
                    .containsEntry("rolbypassrls", false)
                    .containsEntry("rolcanlogin", true);
        }
    }

    @Test
    void otherRolesCannotConnect() throws SQLException {
        Cluster.get().createStranger();

        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(() -> Cluster.get().connect("stranger").close())
                .satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    private static void assertRefused(DataSource source, String sql) {
        assertThatExceptionOfType(SQLException.class).as(sql).isThrownBy(() -> {
            try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }).satisfies((ex) -> assertThat(ex.getSQLState()).as(ex.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    private static JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /**
     * The throwaway PostgreSQL cluster of this class, started on first use with roles.sql applied and a random
     * password for each role.
     */
    private static final class Cluster {

        private static Cluster instance;

        private final Path home;

        private final EmbeddedPostgres server;

        private final Map<String, String> passwords = new HashMap<>();

        private Cluster(Path home, EmbeddedPostgres server) {
            this.home = home;
            this.server = server;
        }

        static synchronized Cluster get() {
            if (instance == null) {
                try {
                    Path home = Files.createTempDirectory("selfcare-roles");
                    Cluster cluster = new Cluster(home, EmbeddedPostgres.start(home, 0));
                    cluster.applyRoles();
                    cluster.setPasswords();
                    instance = cluster;
                }
                catch (IOException | SQLException ex) {
                    throw new IllegalStateException("Cannot prepare the database roles' cluster", ex);
                }
            }
            return instance;
        }

        static synchronized void stop() {
            if (instance == null) {
                return;
            }
            instance.server.close();
            try (Stream<Path> files = Files.walk(instance.home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot remove " + instance.home, ex);
            }
            instance = null;
        }

        String url() {
            return server.jdbcUrl();
        }

        String password(String role) {
            return passwords.get(role);
        }

        /** Applies roles.sql as the superuser, as an operator does with psql. */
        void applyRoles() throws IOException, SQLException {
            String script = Files.readString(ROLES_SQL, StandardCharsets.UTF_8);
            try (Connection connection = DriverManager.getConnection(url(), server.username(), server.password());
                    Statement statement = connection.createStatement()) {
                statement.execute(script);
            }
        }

        void createStranger() throws SQLException {
            passwords.put("stranger", UUID.randomUUID().toString().replace("-", ""));
            superuser("CREATE ROLE stranger LOGIN PASSWORD '" + passwords.get("stranger") + "'");
        }

        Connection connect(String role) throws SQLException {
            return DriverManager.getConnection(url(), role, passwords.get(role));
        }

        DataSource dataSource(String role) {
            return new DriverManagerDataSource(url(), role, passwords.get(role));
        }

        private void setPasswords() throws SQLException {
            for (String role : List.of("selfcare_owner", "selfcare_app", "selfcare_auditor")) {
                // Hex characters only, so the password can stand in the statement without quoting rules.
                passwords.put(role, UUID.randomUUID().toString().replace("-", ""));
                superuser("ALTER ROLE " + role + " PASSWORD '" + passwords.get(role) + "'");
            }
        }

        private void superuser(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url(), server.username(), server.password());
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
