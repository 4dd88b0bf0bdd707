package org.selfcare.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Lets one import of call records at a time write to a database, across every process that imports into it: the
 * portal loading its demo data and any number of {@code import-cdr} commands. Two imports of overlapping files
 * would each wait for rows the other has stored but not committed, and PostgreSQL would end one of them as a
 * deadlock. The lock is a PostgreSQL session advisory lock on a connection kept for the whole import, so it ends
 * with the import, and with the connection if the process dies.
 */
final class ImportLock implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ImportLock.class);

    /** Hashed by PostgreSQL into the advisory lock key of imports; a name keeps other features off that key. */
    static final String KEY_NAME = "selfcare.call-record-import";

    private final Connection connection;

    private ImportLock(Connection connection) {
        this.connection = connection;
    }

    /**
     * Takes the lock, waiting while another import has it.
     *
     * @param name the file being imported, named in the log line that explains the wait
     */
    static ImportLock acquire(DataSource dataSource, String name) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                logger.info("Another import of call records is writing to this database; {} waits until it ends",
                        name);
                lock(connection);
            }
            return new ImportLock(connection);
        }
        catch (SQLException ex) {
            if (connection != null) {
                // The lock may have been granted before the failure, and a pooled connection must not keep it.
                new ImportLock(connection).close();
            }
            throw new DataAccessResourceFailureException("Cannot take the lock that keeps imports apart", ex);
        }
    }

    /** Releases the lock and returns the connection to the pool. */
    @Override
    public void close() {
        try (connection; PreparedStatement unlock = statement(connection, "pg_advisory_unlock");
                ResultSet result = unlock.executeQuery()) {
            if (result.next() && !result.getBoolean(1)) {
                logger.debug("The import lock was not held when the import ended");
            }
        }
        catch (SQLException ex) {
            // A connection that failed is dropped by the pool, and PostgreSQL ends the session and its lock with it.
            logger.warn("Releasing the import lock failed", ex);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = statement(connection, "pg_try_advisory_lock");
                ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    private static void lock(Connection connection) throws SQLException {
        // The function returns void, which is not read: the statement returns once the lock is held.
        try (PreparedStatement statement = statement(connection, "pg_advisory_lock")) {
            statement.execute();
        }
    }

    private static PreparedStatement statement(Connection connection, String function) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(hashtextextended(?, 0))");
        statement.setString(1, KEY_NAME);
        return statement;
    }
}
