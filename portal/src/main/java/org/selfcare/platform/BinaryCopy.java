package org.selfcare.platform;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads rows into one table with PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)}, the cheapest way for
 * the server to store many rows: it checks and indexes them like inserts but writes them to disk in batches. The
 * binary format needs no escaping of the text a switch wrote, and spares the server from parsing numbers and
 * times. Rows go to the server in pieces of about 64 KiB as they are added, so a large batch never sits in memory
 * whole.
 *
 * <p>The copy runs on the caller's connection and inside its transaction. A row that breaks a constraint fails
 * the whole copy, with the same error an insert would raise, and the rows copied before it are not stored.
 * Closing without {@link #finish} cancels the copy.
 */
public final class BinaryCopy implements AutoCloseable {

    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };

    /** PostgreSQL counts times in microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private static final int PIECE_SIZE = 64 * 1024;

    private final CopyIn copy;

    private final short columns;

    private byte[] buffer = new byte[PIECE_SIZE + 1024];

    private int length;

    private int fieldsInRow;

    private long rows;

    private BinaryCopy(CopyIn copy, int columns) {
        this.copy = copy;
        this.columns = (short) columns;
    }

    /**
     * Starts copying into {@code table}. Rows then give one field for each of {@code columns}, in that order.
     */
    public static BinaryCopy into(Connection connection, String table, String... columns) throws SQLException {
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
        BinaryCopy copy = new BinaryCopy(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql),
                columns.length);
        copy.put(SIGNATURE);
        copy.putInt(0);
        copy.putInt(0);
        return copy;
    }

    /** Starts the next row. */
    public BinaryCopy row() throws SQLException {
        checkRowComplete();
        if (length >= PIECE_SIZE) {
            send();
        }
        putShort(columns);
        fieldsInRow = 0;
        rows++;
        return this;
    }

    public BinaryCopy int8(long value) {
        field(8);
        putLong(value);
        return this;
    }

    public BinaryCopy int4(int value) {
        field(4);
        putInt(value);
        return this;
    }

    public BinaryCopy bool(boolean value) {
        field(1);
        put(value ? 1 : 0);
        return this;
    }

    /** Adds a {@code text}, {@code varchar} or {@code char} field, or SQL NULL for {@code null}. */
    public BinaryCopy text(String value) {
        if (value == null) {
            return nullField();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        field(bytes.length);
        put(bytes);
        return this;
    }

    /** Adds a {@code timestamptz} field. PostgreSQL stores microseconds, so finer parts of {@code value} are dropped. */
    public BinaryCopy timestamp(Instant value) {
        long micros = TimeUnit.SECONDS.toMicros(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS)
                + TimeUnit.NANOSECONDS.toMicros(value.getNano());
        return int8(micros);
    }

    /**
     * Ends the copy and waits for the server to store the rows.
     *
     * @return the number of rows stored
     * @throws SQLException when a row broke a constraint or the server failed; no row is stored then
     */
    public long finish() throws SQLException {
        checkRowComplete();
        putShort((short) -1);
        send();
        long stored = copy.endCopy();
        if (stored != rows) {
            throw new SQLException("The server stored " + stored + " rows of " + rows + " copied");
        }
        return stored;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private BinaryCopy nullField() {
        field(-1);
        return this;
    }

    private void field(int size) {
        if (fieldsInRow == columns) {
            throw new IllegalStateException("A row of this copy has " + columns + " fields");
        }
        fieldsInRow++;
        putInt(size);
    }

    /** Rejects a row with a missing field, which would shift every later field into the wrong column. */
    private void checkRowComplete() {
        if (rows > 0 && fieldsInRow != columns) {
            throw new IllegalStateException("Row " + rows + " has " + fieldsInRow + " of " + columns + " fields");
        }
    }

    private void send() throws SQLException {
        copy.writeToCopy(buffer, 0, length);
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private void put(int value) {
        ensure(1);
        buffer[length++] = (byte) value;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void putShort(short value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void putLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }
}
