package org.selfcare.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import javax.sql.DataSource;

import org.selfcare.audit.ChainVerification.Problem;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verifies the whole security event chain and names the first broken link.
 */
@Component
public class ChainVerifier {

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;

    private final ChainKey key;

    ChainVerifier(DataSource dataSource, ChainKey key) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.key = key;
    }

    /**
     * Reads every row in id order and checks that its hash matches its fields, that it is chained after the row
     * before it, and that the last row is the one the head table names. Appends that commit meanwhile are not
     * seen: the whole check runs on one snapshot.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ChainVerification verify() {
        HeadRow head = jdbc.queryForObject("SELECT last_event_id, last_hash, key_check FROM security_event_head",
                (rs, rowNum) -> new HeadRow((Long) rs.getObject("last_event_id"), rs.getString("last_hash"),
                        rs.getString("key_check")));
        if (head.keyCheck() != null && !ChainKey.sameHash(head.keyCheck(), key.keyCheck())) {
            return new ChainVerification(0, null, Problem.WRONG_KEY, "the key in " + key.file()
                    + " is not the key the chain was written with; restore the original file");
        }

        Walk walk = new Walk();
        try {
            jdbc.query("""
                    SELECT id, occurred_at, type, subscriber_id, identifier, client_address, outcome, reason,
                           previous_hash, hash
                    FROM security_event ORDER BY id""", (ResultSet rs) -> walk.check(readRow(rs)));
        }
        catch (BrokenLink ex) {
            return explain(walk, ex.row);
        }

        if (!ChainKey.sameHash(head.lastHash(), walk.expectedPreviousHash)) {
            String last = (walk.previousId != null) ? "event " + walk.previousId : "no event";
            return new ChainVerification(walk.checked, head.lastEventId(), Problem.MISSING, "the chain ends at "
                    + last + " but was last appended at event " + head.lastEventId()
                    + ": events at the end were deleted");
        }
        return ChainVerification.intact(walk.checked);
    }

    /**
     * Classifies the first broken row. A row chained after a row that no longer exists means deleted rows, and a
     * row chained after a row stored elsewhere (or copying one) means a row inserted out of order.
     */
    private ChainVerification explain(Walk walk, ChainedEvent row) {
        long checked = walk.checked;
        if (walk.macFailed) {
            return new ChainVerification(checked, row.id(), Problem.EDITED, "event " + row.id()
                    + " does not match its hash: its fields were edited, or it was written without the chain key");
        }
        String predecessor = (walk.previousId != null) ? "event " + walk.previousId : "the start of the chain";
        Optional<Long> copyOf = findId(row.hash(), row.id());
        if (copyOf.isPresent()) {
            return new ChainVerification(checked, row.id(), Problem.OUT_OF_ORDER, "event " + row.id()
                    + " is a copy of event " + copyOf.get() + ", inserted after " + predecessor);
        }
        Optional<Long> chainedAfter = findId(row.previousHash(), row.id());
        if (chainedAfter.isPresent()) {
            return new ChainVerification(checked, row.id(), Problem.OUT_OF_ORDER, "event " + row.id()
                    + " was written after event " + chainedAfter.get() + " but is stored after " + predecessor
                    + ": it was inserted or moved out of order");
        }
        return new ChainVerification(checked, row.id(), Problem.MISSING, "event " + row.id()
                + " was written after an event that no longer exists: events between " + predecessor + " and event "
                + row.id() + " were deleted");
    }

    private Optional<Long> findId(String hash, long exceptId) {
        return jdbc.queryForList("SELECT id FROM security_event WHERE hash = ? AND id <> ? ORDER BY id LIMIT 1",
                Long.class, hash, exceptId).stream().findFirst();
    }

    private static ChainedEvent readRow(ResultSet rs) throws SQLException {
        return new ChainedEvent(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("type"), (Long) rs.getObject("subscriber_id"), rs.getString("identifier"),
                rs.getString("client_address"), rs.getString("outcome"), rs.getString("reason"),
                rs.getString("previous_hash"), rs.getString("hash"));
    }

    /**
     * The walk along the chain in id order, stopped by {@link BrokenLink} at the first row that fails.
     */
    private final class Walk {

        private String expectedPreviousHash = ChainKey.GENESIS_HASH;

        private Long previousId;

        private long checked;

        private boolean macFailed;

        void check(ChainedEvent row) {
            checked++;
            if (!ChainKey.sameHash(key.hash(row), row.hash())) {
                macFailed = true;
                throw new BrokenLink(row);
            }
            if (!ChainKey.sameHash(expectedPreviousHash, row.previousHash())) {
                throw new BrokenLink(row);
            }
            expectedPreviousHash = row.hash();
            previousId = row.id();
        }
    }

    /**
     * Stops the walk at the first row that breaks the chain, which it carries.
     */
    private static final class BrokenLink extends RuntimeException {

        private final transient ChainedEvent row;

        BrokenLink(ChainedEvent row) {
            super(null, null, false, false);
            this.row = row;
        }
    }

    private record HeadRow(Long lastEventId, String lastHash, String keyCheck) {
    }
}
