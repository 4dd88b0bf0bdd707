package org.selfcare.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores every security event as a row of the hash chain in {@code security_event}, then writes it to the
 * {@code security} logger once the transaction commits.
 */
@Component
class ChainedSecurityLog implements SecurityLog {

    static final String LOGGER_NAME = "security";

    /** Longer identifiers are cut: a phone number is far shorter, and the client controls this text. */
    static final int MAX_IDENTIFIER_LENGTH = 64;

    static final int MAX_CLIENT_ADDRESS_LENGTH = 64;

    static final int MAX_REASON_LENGTH = 500;

    private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

    private final JdbcClient jdbc;

    private final ChainKey key;

    ChainedSecurityLog(JdbcClient jdbc, ChainKey key) {
        this.jdbc = jdbc;
        this.key = key;
    }

    /**
     * Appends the event to the chain in the caller's transaction, or in a transaction of its own when there is
     * none. The head row stays locked until that transaction ends, so concurrent appends wait for each other and
     * the chain never forks.
     *
     * @throws IllegalStateException when the chain was written with a different key; nothing is recorded then
     */
    // NOTE: callers that lock other rows should record last, so that every transaction takes the head lock after
    // its other locks and two of them cannot deadlock.
    @Override
    @Transactional
    public void record(SecurityEvent event) {
        Head head = jdbc.sql("SELECT last_hash, key_check FROM security_event_head FOR UPDATE")
                .query((rs, rowNum) -> new Head(rs.getString("last_hash"), rs.getString("key_check")))
                .single();
        String keyCheck = key.keyCheck();
        if (head.keyCheck() == null) {
            jdbc.sql("UPDATE security_event_head SET key_check = ?").param(keyCheck).update();
        }
        else if (!ChainKey.sameHash(head.keyCheck(), keyCheck)) {
            throw new IllegalStateException("The security event chain was written with a different key than "
                    + key.file() + "; restore that file to record events");
        }

        ChainedEvent row = new ChainedEvent(null, event.occurredAt().truncatedTo(ChronoUnit.MICROS),
                event.type().name(), event.subscriberId(), truncate(event.identifier(), MAX_IDENTIFIER_LENGTH),
                truncate(event.clientAddress(), MAX_CLIENT_ADDRESS_LENGTH), event.outcome(),
                truncate(event.reason(), MAX_REASON_LENGTH), head.lastHash(), null);
        String hash = key.hash(row);
        long id = jdbc.sql("""
                INSERT INTO security_event (occurred_at, type, subscriber_id, identifier, client_address, outcome,
                                            reason, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""")
                .params(OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.type(), row.subscriberId(), row.identifier(),
                        row.clientAddress(), row.outcome(), row.reason(), row.previousHash(), hash)
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE security_event_head SET last_event_id = ?, last_hash = ?").params(id, hash).update();

        logAfterCommit(new ChainedEvent(id, row.occurredAt(), row.type(), row.subscriberId(), row.identifier(),
                row.clientAddress(), row.outcome(), row.reason(), row.previousHash(), hash));
    }

    private static void logAfterCommit(ChainedEvent row) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            log(row);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                log(row);
            }
        });
    }

    /**
     * Writes one event with its fields as key-value pairs, which the structured JSON encoder turns into members.
     * The id and hash let an operator compare the log with the table, and so detect rows cut from its end.
     */
    private static void log(ChainedEvent row) {
        logger.atInfo()
                .addKeyValue("event.id", row.id())
                .addKeyValue("event.action", row.type())
                .addKeyValue("event.outcome", row.outcome())
                .addKeyValue("event.reason", row.reason())
                .addKeyValue("event.hash", row.hash())
                .addKeyValue("user.id", row.subscriberId())
                .addKeyValue("user.name", row.identifier())
                .addKeyValue("client.address", row.clientAddress())
                .log("Security event {} {}: {} subscriber={} client={}", row.id(), row.type(), row.outcome(),
                        row.subscriberId(), row.clientAddress());
    }

    private static String truncate(String value, int maxCodePoints) {
        if (value == null || value.codePointCount(0, value.length()) <= maxCodePoints) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, maxCodePoints));
    }

    private record Head(String lastHash, String keyCheck) {
    }
}
