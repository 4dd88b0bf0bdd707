package org.selfcare.conformance.host;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.host.facts.JdbcDatabaseInspector;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database half of T-1-3 and T-1-4 against a real PostgreSQL, read as the document's read-only auditor role.
 */
class DatabaseFactsTests {

    private static final String AUDITOR_PASSWORD = UUID.randomUUID().toString();

    @TempDir
    static Path cluster;

    @TempDir
    Path root;

    private static TestPostgres postgres;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = TestPostgres.start(cluster);
        sql("CREATE ROLE selfcare_owner LOGIN",
                "CREATE ROLE selfcare_app LOGIN",
                "CREATE ROLE selfcare_auditor LOGIN PASSWORD '" + AUDITOR_PASSWORD + "'",
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "CREATE SCHEMA app AUTHORIZATION selfcare_owner",
                "CREATE TABLE app.orders (id bigint PRIMARY KEY)",
                "ALTER TABLE app.orders OWNER TO selfcare_owner",
                "GRANT USAGE ON SCHEMA app TO selfcare_app, selfcare_auditor",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON app.orders TO selfcare_app",
                "GRANT SELECT ON app.orders TO selfcare_auditor");
    }

    @AfterAll
    static void stopDatabase() {
        postgres.close();
    }

    @Test
    void declaredRolesPass() {
        CaseResult result = onDatabaseHost().run(new LeastPrivilegeCheck(), "database");

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).contains("PASS: database role selfcare_app has no right beyond those declared");
    }

    @Test
    void superuserRoleFails() throws Exception {
        sql("ALTER ROLE selfcare_app SUPERUSER");
        try {
            CaseResult result = onDatabaseHost().run(new LeastPrivilegeCheck(), "database");

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).startsWith("database role selfcare_app is a superuser");
            assertThat(result.findings()).contains("FAIL: database role selfcare_app has CREATE on schema app");
        }
        finally {
            sql("ALTER ROLE selfcare_app NOSUPERUSER");
        }
    }

    @Test
    void createOnSchemaFails() throws Exception {
        sql("GRANT CREATE ON SCHEMA app TO selfcare_app");
        try {
            CaseResult result = onDatabaseHost().run(new LeastPrivilegeCheck(), "database");

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).isEqualTo("database role selfcare_app has CREATE on schema app");
        }
        finally {
            sql("REVOKE CREATE ON SCHEMA app FROM selfcare_app");
        }
    }

    @Test
    void inheritedTruncateFails() throws Exception {
        sql("CREATE ROLE cleaner", "GRANT TRUNCATE ON app.orders TO cleaner", "GRANT cleaner TO selfcare_app");
        try {
            CaseResult result = onDatabaseHost().run(new LeastPrivilegeCheck(), "database");

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).isEqualTo("database role selfcare_app has TRUNCATE on app.orders; the "
                    + "document allows only SELECT, INSERT, UPDATE, DELETE");
        }
        finally {
            sql("REVOKE cleaner FROM selfcare_app", "DROP OWNED BY cleaner", "DROP ROLE cleaner");
        }
    }

    @Test
    void loggingOffFails() {
        CaseResult result = onDatabaseHost().run(new LoggingCheck(), "database");

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.findings()).contains("FAIL: database setting log_connections is off; the document requires on",
                "FAIL: database setting log_statement is none; the document requires ddl");
    }

    @Test
    void loggingOnAsksForReview() throws Exception {
        sql("ALTER SYSTEM SET log_connections = on", "ALTER SYSTEM SET log_disconnections = on",
                "ALTER SYSTEM SET log_statement = 'ddl'", "SELECT pg_reload_conf()");
        try {
            Thread.sleep(500);
            CaseResult result = onDatabaseHost().run(new LoggingCheck(), "database");

            assertThat(result.findings()).contains("PASS: database setting log_connections is on",
                    "PASS: database setting log_disconnections is on", "PASS: database setting log_statement is ddl");
        }
        finally {
            sql("ALTER SYSTEM RESET ALL", "SELECT pg_reload_conf()");
        }
    }

    @Test
    void wrongPasswordIsInconclusive() {
        TestHost host = onDatabaseHost();
        host.database = new JdbcDatabaseInspector(postgres.jdbcUrl(), "selfcare_auditor", "wrong");

        CaseResult result = host.run(new LeastPrivilegeCheck(), "database");

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).startsWith("database roles not checked: cannot read the database at "
                + postgres.jdbcUrl() + " as selfcare_auditor:").doesNotContain("wrong");
    }

    private TestHost onDatabaseHost() {
        TestHost host = TestHost.portal(root);
        host.database = new JdbcDatabaseInspector(postgres.jdbcUrl(), "selfcare_auditor", AUDITOR_PASSWORD);
        return host;
    }

    private static void sql(String... statements) throws Exception {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
