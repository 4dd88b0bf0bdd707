package org.selfcare.conformance.host.facts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Reads PostgreSQL's catalogue over JDBC. Everything it queries ({@code pg_settings}, {@code pg_roles},
 * {@code pg_class} and the {@code has_*_privilege} functions) is readable by any role, so a read-only role is
 * enough. It opens a read-only connection per question and changes nothing.
 */
public final class JdbcDatabaseInspector implements DatabaseInspector {

    private static final String USER_SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

    private static final String ROLE = """
            SELECT rolsuper, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls
            FROM pg_roles WHERE rolname = ?""";

    private static final String SCHEMAS_WITH_CREATE = "SELECT n.nspname FROM pg_namespace n WHERE " + USER_SCHEMAS
            + " AND has_schema_privilege(?, n.oid, 'CREATE') ORDER BY 1";

    private static final String TABLE_PRIVILEGES = """
            SELECT n.nspname || '.' || c.relname, p.privilege
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'])
                AS p(privilege)
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND %s AND has_table_privilege(?, c.oid, p.privilege)
            ORDER BY 1, 2""".formatted(USER_SCHEMAS);

    private static final String OWNED = "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n "
            + "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND " + USER_SCHEMAS
            + " AND pg_get_userbyid(c.relowner) = ? ORDER BY 1";

    private final String url;

    private final String user;

    private final String password;

    public JdbcDatabaseInspector(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public String source() {
        return url + " as " + user;
    }

    @Override
    public Map<String, String> settings(Collection<String> names) throws FactUnavailableException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT name, setting FROM pg_settings WHERE name = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        catch (SQLException ex) {
            throw unavailable(ex);
        }
        return values;
    }

    @Override
    public Optional<DatabaseRoleFacts> role(String name) throws FactUnavailableException {
        try (Connection connection = connect()) {
            try (PreparedStatement statement = connection.prepareStatement(ROLE)) {
                statement.setString(1, name);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new DatabaseRoleFacts(name, row.getBoolean(1), row.getBoolean(2),
                            row.getBoolean(3), row.getBoolean(4), row.getBoolean(5), row.getBoolean(6),
                            strings(connection, SCHEMAS_WITH_CREATE, name), createOnDatabase(connection, name),
                            tablePrivileges(connection, name), strings(connection, OWNED, name)));
                }
            }
        }
        catch (SQLException ex) {
            throw unavailable(ex);
        }
    }

    private static boolean createOnDatabase(Connection connection, String role) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT has_database_privilege(?, current_database(), 'CREATE')")) {
            statement.setString(1, role);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static Map<String, Set<String>> tablePrivileges(Connection connection, String role) throws SQLException {
        Map<String, Set<String>> privileges = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(TABLE_PRIVILEGES)) {
            statement.setString(1, role);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    privileges.computeIfAbsent(rows.getString(1), (table) -> new LinkedHashSet<>())
                            .add(rows.getString(2));
                }
            }
        }
        return privileges;
    }

    private static List<String> strings(Connection connection, String sql, String role) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, role);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("ApplicationName", "x1470 host");
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setReadOnly(true);
        return connection;
    }

    private FactUnavailableException unavailable(SQLException ex) {
        return new FactUnavailableException("cannot read the database at " + source() + ": "
                + String.valueOf(ex.getMessage()).lines().findFirst().orElse("").trim());
    }
}
