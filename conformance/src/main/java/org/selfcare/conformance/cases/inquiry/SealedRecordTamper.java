package org.selfcare.conformance.cases.inquiry;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.selfcare.conformance.profile.TargetProfile.Database;

/**
 * Changes one column of one sealed row in the deployment's database, as an attacker with database access
 * would, and puts the original value back. Each step runs in its own connection and transaction. The table
 * and column names come from the profile, which allows only plain identifiers, so they can be written into
 * the SQL; the row id is a parameter.
 */
final class SealedRecordTamper {

    private final Database database;

    SealedRecordTamper(Database database) {
        this.database = database;
    }

    /**
     * A change made to one row.
     *
     * @param id the row's id
     * @param original the value before the change
     * @param tampered the value written
     */
    record Change(long id, Object original, Object tampered) {
    }

    /**
     * Reads the column of row {@code id} and writes a different value of the same type: a number plus one, or
     * a text with a suffix. Fails when the row is not exactly one or the column is neither number nor text.
     */
    Change tamper(long id) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            Object original = read(connection, id);
            Object tampered = changed(original);
            int updated = write(connection, id, tampered);
            if (updated != 1) {
                connection.rollback();
                throw new SQLException("updating id " + id + " of " + database.table() + " changed " + updated
                        + " rows instead of one, so the kit undid it");
            }
            connection.commit();
            return new Change(id, original, tampered);
        }
    }

    /**
     * Writes the original value back and returns whether the column contains it again.
     */
    boolean restore(Change change) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            int updated = write(connection, change.id(), change.original());
            if (updated != 1) {
                connection.rollback();
                return false;
            }
            connection.commit();
            return change.original().equals(read(connection, change.id()));
        }
    }

    String describe(Change change) {
        return database.table() + "." + database.column() + " of id " + change.id();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    private Object read(Connection connection, long id) throws SQLException {
        String sql = "SELECT " + database.column() + " FROM " + database.table() + " WHERE id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no row with id " + id + " in " + database.table());
                }
                Object value = rows.getObject(1);
                if (rows.next()) {
                    throw new SQLException("more than one row with id " + id + " in " + database.table());
                }
                return Optional.ofNullable(value).orElseThrow(() -> new SQLException(database.column() + " of id "
                        + id + " in " + database.table() + " is null, so the kit cannot change it"));
            }
        }
    }

    private int write(Connection connection, long id, Object value) throws SQLException {
        String sql = "UPDATE " + database.table() + " SET " + database.column() + " = ? WHERE id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, value);
            statement.setLong(2, id);
            return statement.executeUpdate();
        }
    }

    private Object changed(Object original) throws SQLException {
        if (original instanceof Integer number) {
            return number + 1;
        }
        if (original instanceof Long number) {
            return number + 1;
        }
        if (original instanceof BigDecimal number) {
            return number.add(BigDecimal.ONE);
        }
        if (original instanceof String text) {
            return text + "-x1470";
        }
        throw new SQLException(database.column() + " of " + database.table() + " is of type "
                + original.getClass().getSimpleName() + ", but the kit changes only numbers and text; choose another "
                + "column in database.column");
    }
}
