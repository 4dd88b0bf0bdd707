package org.selfcare.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selfcare.SelfcareCommands;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code verify-audit} through the same entry point as {@code java -jar selfcare-portal.jar verify-audit},
 * against the test data folder's database.
 */
@PortalTest
@ExtendWith(OutputCaptureExtension.class)
class VerifyAuditCommandTests {

    @Autowired
    SecurityLog securityLog;

    @Autowired
    JdbcClient jdbc;

    @Test
    void intactChainExitsZero(CapturedOutput output) {
        securityLog.record(SecurityEventChainTests.event("verify-audit, intact"));

        int exitCode = SelfcareCommands.verifyAudit(new String[0]);

        assertThat(exitCode).isZero();
        assertThat(output.getOut()).contains("Security event log intact");
    }

    @Test
    void brokenChainExitsOne(CapturedOutput output) {
        // The command runs in an application of its own, so the edit must be committed; it is undone afterwards.
        securityLog.record(SecurityEventChainTests.event("verify-audit, broken"));
        long id = jdbc.sql("SELECT last_event_id FROM security_event_head").query(Long.class).single();
        int exitCode;
        try {
            jdbc.sql("UPDATE security_event SET reason = 'rewritten' WHERE id = ?").param(id).update();
            exitCode = SelfcareCommands.verifyAudit(new String[0]);
        }
        finally {
            jdbc.sql("UPDATE security_event SET reason = 'verify-audit, broken' WHERE id = ?").param(id).update();
        }

        assertThat(exitCode).isEqualTo(1);
        assertThat(output.getErr()).contains("Security event log broken at event " + id + " (EDITED)");
    }

    @Test
    void unknownOptionExitsTwo(CapturedOutput output) {
        int exitCode = SelfcareCommands.verifyAudit(new String[] { "--repair" });

        assertThat(exitCode).isEqualTo(2);
        assertThat(output.getErr()).contains("Unknown option: '--repair'");
    }
}
