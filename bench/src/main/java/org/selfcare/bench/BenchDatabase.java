package org.selfcare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to the portal's embedded PostgreSQL, with the superuser password the portal keeps in
 * {@code <data-dir>/postgres/superuser.password}.
 */
final class BenchDatabase {

    private final String url;

    private final Properties credentials = new Properties();

    BenchDatabase(Path dataDir, int port) throws IOException {
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/selfcare";
        credentials.setProperty("user", "selfcare");
        credentials.setProperty("password",
                Files.readString(dataDir.resolve("postgres").resolve("superuser.password")).trim());
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }
}
