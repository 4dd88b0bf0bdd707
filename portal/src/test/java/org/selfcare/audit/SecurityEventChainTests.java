package org.selfcare.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.audit.ChainVerification.Problem;
import org.selfcare.platform.SelfcareProperties;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tampers with the security event chain by SQL, the way someone with database access would, and checks that
 * verification names the first broken link. Each tampering test runs in a transaction that is rolled back, so
 * the shared test database keeps an intact chain.
 */
@PortalTest
class SecurityEventChainTests {

    @Autowired
    SecurityLog securityLog;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @TempDir
    Path otherDataDir;

    /** Ids of the three events that {@link #inRolledBackTransaction} records, then of any row a test inserts. */
    private final List<Long> ids = new ArrayList<>();

    @Test
    void chainIntactAfterAppends() {
        ChainVerification result = inRolledBackTransaction(() -> verifier.verify());

        assertThat(result.isIntact()).as(result.summary()).isTrue();
    }

    @Test
    void editedEventIsNamed() {
        ChainVerification result = inRolledBackTransaction(() -> {
            jdbc.sql("UPDATE security_event SET outcome = 'success' WHERE id = ?").param(ids.get(1)).update();
            return verifier.verify();
        });

        assertThat(result.problem()).isEqualTo(Problem.EDITED);
        assertThat(result.brokenEventId()).isEqualTo(ids.get(1));
    }

    @Test
    void editedHashIsNamed() {
        ChainVerification result = inRolledBackTransaction(() -> {
            jdbc.sql("UPDATE security_event SET hash = repeat('a', 64) WHERE id = ?").param(ids.get(0)).update();
            return verifier.verify();
        });

        assertThat(result.problem()).isEqualTo(Problem.EDITED);
        assertThat(result.brokenEventId()).isEqualTo(ids.get(0));
    }

    @Test
    void deletedEventIsNamed() {
        ChainVerification result = inRolledBackTransaction(() -> {
            jdbc.sql("DELETE FROM security_event WHERE id = ?").param(ids.get(1)).update();
            return verifier.verify();
        });

        assertThat(result.problem()).isEqualTo(Problem.MISSING);
        assertThat(result.brokenEventId()).isEqualTo(ids.get(2));
        assertThat(result.detail()).contains("between event " + ids.get(0) + " and event " + ids.get(2));
    }

    @Test
    void deletedLastEventIsNamed() {
        ChainVerification result = inRolledBackTransaction(() -> {
            jdbc.sql("DELETE FROM security_event WHERE id = ?").param(ids.get(2)).update();
            return verifier.verify();
        });

        assertThat(result.problem()).isEqualTo(Problem.MISSING);
        assertThat(result.brokenEventId()).isEqualTo(ids.get(2));
    }

    @Test
    void copiedEventIsNamed() {
        ChainVerification result = inRolledBackTransaction(() -> {
            long copy = jdbc.sql("""
                    INSERT INTO security_event (occurred_at, type, subscriber_id, identifier, client_address, outcome,
                                                reason, previous_hash, hash)
                    SELECT occurred_at, type, subscriber_id, identifier, client_address, outcome, reason,
                           previous_hash, hash
                    FROM security_event WHERE id = ?
                    RETURNING id""").param(ids.get(1)).query(Long.class).single();
            ids.add(copy);
            return verifier.verify();
        });

        assertThat(result.problem()).isEqualTo(Problem.OUT_OF_ORDER);
        assertThat(result.brokenEventId()).isEqualTo(ids.get(3));
        assertThat(result.detail()).contains("copy of event " + ids.get(1));
    }

    @Test
    void forgedEventIsNamed() {
        // A row with a plain SHA-256 hash, chained correctly: only the chain key could have made it valid.
        ChainVerification result = inRolledBackTransaction(() -> {
            long forged = jdbc.sql("""
                    INSERT INTO security_event (occurred_at, type, outcome, previous_hash, hash)
                    SELECT now(), 'IDENTIFIER_UNLOCKED', 'success', last_hash,
                           encode(sha256(convert_to('forged', 'UTF8')), 'hex')
                    FROM security_event_head
                    RETURNING id""").query(Long.class).single();
            ids.add(forged);
            return verifier.verify();
        });

        assertThat(result.problem()).isEqualTo(Problem.EDITED);
        assertThat(result.brokenEventId()).isEqualTo(ids.get(3));
    }

    @Test
    void otherKeyIsReported() throws Exception {
        ChainVerifier otherVerifier = new ChainVerifier(dataSource, otherKey());

        ChainVerification result = inRolledBackTransaction(() -> otherVerifier.verify());

        assertThat(result.problem()).isEqualTo(Problem.WRONG_KEY);
    }

    @Test
    void appendWithOtherKeyRejected() throws Exception {
        ChainedSecurityLog otherLog = new ChainedSecurityLog(jdbc, otherKey());

        assertThatIllegalStateException().isThrownBy(() -> inRolledBackTransaction(() -> {
            otherLog.record(event("appended with another key"));
            return null;
        })).withMessageContaining(ChainKey.FILE_NAME);
    }

    @Test
    void concurrentAppendsKeepOneChain() throws Exception {
        int threads = 6;
        int eventsPerThread = 10;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int thread = 0; thread < threads; thread++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < eventsPerThread; i++) {
                        securityLog.record(event("concurrent append"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            executor.shutdownNow();
        }

        ChainVerification result = verifier.verify();
        long forks = jdbc.sql("SELECT count(*) - count(DISTINCT previous_hash) FROM security_event")
                .query(Long.class)
                .single();

        assertThat(result.isIntact()).as(result.summary()).isTrue();
        assertThat(forks).isZero();
    }

    /**
     * Records three events into {@link #ids}, then runs the tampering and verification, all in one transaction
     * that is rolled back.
     */
    private ChainVerification inRolledBackTransaction(Supplier<ChainVerification> tampering) {
        ids.clear();
        return transactions.execute((status) -> {
            status.setRollbackOnly();
            for (String reason : List.of("first", "second", "third")) {
                securityLog.record(event(reason));
                ids.add(jdbc.sql("SELECT last_event_id FROM security_event_head").query(Long.class).single());
            }
            return tampering.get();
        });
    }

    private ChainKey otherKey() throws Exception {
        return new ChainKey(new SelfcareProperties(otherDataDir, 8080, "GB",
                new SelfcareProperties.EmbeddedDatabase(0, 10)));
    }

    static SecurityEvent event(String reason) {
        return new SecurityEvent(SecurityEventType.SIGN_IN_FAILED, Instant.now(), null, "07700 900123", "127.0.0.1",
                "failure", reason);
    }
}
