package org.selfcare.platform.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresTests {

    @TempDir
    Path home;

    @Test
    void dataSurvivesRestart() throws SQLException {
        try (EmbeddedPostgres server = EmbeddedPostgres.start(home, 0);
                Connection connection = connect(server, server.password())) {
            connection.createStatement().execute("CREATE TABLE kept (value text)");
            connection.createStatement().execute("INSERT INTO kept VALUES ('still here')");
        }

        try (EmbeddedPostgres restarted = EmbeddedPostgres.start(home, 0);
                Connection connection = connect(restarted, restarted.password())) {
            var rows = connection.createStatement().executeQuery("SELECT value FROM kept");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void secondProcessSharesRunningServer() throws SQLException {
        try (EmbeddedPostgres first = EmbeddedPostgres.start(home, 0)) {
            EmbeddedPostgres second = EmbeddedPostgres.start(home, 0);

            assertThat(second.port()).isEqualTo(first.port());
            second.close();

            // Closing the second must not stop the server the first one started.
            try (Connection connection = connect(first, first.password())) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void wrongPasswordIsRejected() {
        try (EmbeddedPostgres server = EmbeddedPostgres.start(home, 0)) {
            assertThatThrownBy(() -> connect(server, "not-the-password").close()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void passwordFileIsReadableByOwnerOnly() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.start(home, 0)) {
            String permissions = PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(home.resolve("superuser.password")));

            assertThat(permissions).isEqualTo("rw-------");
            assertThat(server.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
        }
    }

    private static Connection connect(EmbeddedPostgres server, String password) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", server.username());
        credentials.setProperty("password", password);
        return DriverManager.getConnection(server.jdbcUrl(), credentials);
    }
}
