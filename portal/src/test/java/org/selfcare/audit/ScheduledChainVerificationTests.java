package org.selfcare.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the scheduled verification directly and reads what it logs.
 */
@PortalTest
@ExtendWith(OutputCaptureExtension.class)
class ScheduledChainVerificationTests {

    @Autowired
    ScheduledChainVerification scheduled;

    @Autowired
    SecurityLog securityLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void intactChainLoggedAtInfo(CapturedOutput output) {
        securityLog.record(SecurityEventChainTests.event("scheduled verification, intact"));

        scheduled.verifyAndLog();

        assertThat(output.getOut()).containsPattern("INFO .*Security event log intact");
    }

    @Test
    void brokenChainLoggedAtError(CapturedOutput output) {
        long edited = transactions.execute((status) -> {
            status.setRollbackOnly();
            securityLog.record(SecurityEventChainTests.event("scheduled verification, broken"));
            long id = jdbc.sql("SELECT last_event_id FROM security_event_head").query(Long.class).single();
            jdbc.sql("UPDATE security_event SET reason = 'rewritten' WHERE id = ?").param(id).update();
            scheduled.verifyAndLog();
            return id;
        });

        assertThat(output.getOut()).containsPattern("ERROR .*Security event log broken at event " + edited + " ");
    }
}
