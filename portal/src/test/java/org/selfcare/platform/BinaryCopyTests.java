package org.selfcare.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Binary COPY against the portal's PostgreSQL: values come back as written, and a copy that breaks a constraint
 * or is left unfinished stores nothing and leaves the connection usable.
 */
@PortalTest
class BinaryCopyTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void createTable() {
        jdbc.execute("DROP TABLE IF EXISTS binary_copy_probe");
        jdbc.execute("""
                CREATE TABLE binary_copy_probe (
                    id     bigint PRIMARY KEY,
                    amount integer NOT NULL,
                    flag   boolean NOT NULL,
                    label  text,
                    code   char(3) NOT NULL,
                    at     timestamptz NOT NULL)""");
    }

    @Test
    void valuesComeBackAsWritten() {
        String awkward = "tab\there, new\nline, back\\slash, \"quotes\", comma, Ünïcödé ☎ 📞";
        Instant beforePostgresEpoch = Instant.parse("1999-12-31T23:59:59.999999Z");
        Instant withMicros = Instant.parse("2010-09-01T00:00:03.123456789Z");

        long stored = copy((copy) -> {
            copy.row().int8(Long.MIN_VALUE).int4(-7).bool(true).text(awkward).text("GBP").timestamp(withMicros);
            copy.row().int8(Long.MAX_VALUE).int4(Integer.MAX_VALUE).bool(false).text(null).text("EUR")
                    .timestamp(beforePostgresEpoch);
        });

        assertThat(stored).isEqualTo(2);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT id, amount, flag, label, code, extract(epoch FROM at)::numeric AS epoch
                FROM binary_copy_probe ORDER BY id""");
        assertThat(rows.get(0)).containsEntry("id", Long.MIN_VALUE).containsEntry("amount", -7)
                .containsEntry("flag", true).containsEntry("label", awkward).containsEntry("code", "GBP");
        assertThat(rows.get(0).get("epoch").toString()).isEqualTo("1283299203.123456");
        assertThat(rows.get(1)).containsEntry("amount", Integer.MAX_VALUE).containsEntry("flag", false)
                .containsEntry("label", null);
        assertThat(rows.get(1).get("epoch").toString()).isEqualTo("946684799.999999");
    }

    @Test
    void duplicateKeyStoresNoRowOfTheCopy() {
        jdbc.update("INSERT INTO binary_copy_probe VALUES (2, 0, false, null, 'GBP', now())");

        assertThatThrownBy(() -> copy((copy) -> {
            copy.row().int8(1).int4(1).bool(true).text("first").text("GBP").timestamp(Instant.now());
            copy.row().int8(2).int4(2).bool(true).text("taken").text("GBP").timestamp(Instant.now());
        })).isInstanceOf(DuplicateKeyException.class);

        assertThat(jdbc.queryForList("SELECT id FROM binary_copy_probe", Long.class)).containsExactly(2L);
    }

    @Test
    void rowMissingFieldRejected() {
        assertThatThrownBy(() -> copy((copy) -> {
            copy.row().int8(1).int4(1).bool(true).text("five of six").text("GBP");
            copy.row().int8(2).int4(2).bool(true).text("complete").text("GBP").timestamp(Instant.now());
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("5 of 6 fields");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM binary_copy_probe", Long.class)).isZero();
    }

    @Test
    void extraFieldIsRefused() {
        assertThatThrownBy(() -> copy((copy) -> copy.row().int8(1).int4(1).bool(true).text("x").text("GBP")
                .timestamp(Instant.now()).int4(7))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unfinishedCopyCancelled() {
        transactions.executeWithoutResult((status) -> {
            Object savepoint = status.createSavepoint();
            jdbc.execute((ConnectionCallback<Void>) (Connection connection) -> {
                try (BinaryCopy copy = BinaryCopy.into(connection, "binary_copy_probe", "id", "amount", "flag",
                        "label", "code", "at")) {
                    copy.row().int8(1).int4(1).bool(true).text("never sent").text("GBP").timestamp(Instant.now());
                }
                return null;
            });
            status.rollbackToSavepoint(savepoint);
            jdbc.update("INSERT INTO binary_copy_probe VALUES (3, 0, false, null, 'GBP', now())");
        });

        assertThat(jdbc.queryForList("SELECT id FROM binary_copy_probe", Long.class)).containsExactly(3L);
    }

    private long copy(Rows rows) {
        return transactions.execute((status) -> jdbc.execute((ConnectionCallback<Long>) (Connection connection) -> {
            try (BinaryCopy copy = BinaryCopy.into(connection, "binary_copy_probe", "id", "amount", "flag", "label",
                    "code", "at")) {
                rows.write(copy);
                return copy.finish();
            }
        }));
    }

    @FunctionalInterface
    private interface Rows {

        void write(BinaryCopy copy) throws SQLException;
    }
}
