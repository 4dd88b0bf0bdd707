package org.selfcare.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hourly purge of sign-in lockout rows: rows idle for longer than the purge's limit go, rows that still count
 * or still lock stay.
 */
@PortalTest
class SignInLockoutPurgeTests {

    @Autowired
    SignInLockoutPurge purge;

    @Autowired
    JdbcClient jdbc;

    @Test
    void idleRowsGoAndCountingRowsStay() {
        Instant now = Instant.now();
        Instant longAgo = now.minus(SignInLockoutPurge.IDLE).minus(Duration.ofMinutes(5));
        String idle = insert(2, null, longAgo);
        String expiredLock = insert(3, longAgo.plusSeconds(300), longAgo);
        String recent = insert(2, null, now.minusSeconds(60));
        String locked = insert(3, now.plus(Duration.ofMinutes(4)), longAgo);

        purge.purge();

        assertThat(exists(idle)).as("idle row").isFalse();
        assertThat(exists(expiredLock)).as("row whose lock ended long ago").isFalse();
        assertThat(exists(recent)).as("row with a recent failure").isTrue();
        assertThat(exists(locked)).as("row that still locks").isTrue();
    }

    private String insert(int attempts, Instant lockedUntil, Instant lastAttemptAt) {
        String identifier = "purge-test-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO sign_in_lockout (identifier, attempts, locked_until, last_attempt_at) VALUES (?, ?, ?, ?)")
                .params(identifier, attempts, (lockedUntil == null) ? null : Timestamp.from(lockedUntil),
                        Timestamp.from(lastAttemptAt))
                .update();
        return identifier;
    }

    private boolean exists(String identifier) {
        return jdbc.sql("SELECT count(*) FROM sign_in_lockout WHERE identifier = ?")
                .param(identifier)
                .query(Integer.class)
                .single() == 1;
    }
}
