package org.selfcare.conformance.host;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.host.TestHost.FakeDatabase;
import org.selfcare.conformance.host.facts.HostFiles;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingCheckTests {

    @TempDir
    Path root;

    @Test
    void loggingOnAsksForReview() {
        CaseResult result = TestHost.portal(root).run(new LoggingCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.REVIEW);
        assertThat(result.reason()).startsWith("logging is on; read the audit schedule in logging.audit-schedule (")
                .endsWith("security-configuration.yaml line 61) and confirm it is followed");
    }

    @Test
    void databaseLoggingOffFails() {
        TestHost host = TestHost.portal(root);
        ((FakeDatabase) host.database).settings.put("log_connections", "off");

        CaseResult result = host.run(new LoggingCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("database setting log_connections is off; the document requires on");
    }

    @Test
    void fewerStatementsLoggedFails() {
        TestHost host = TestHost.portal(root);
        ((FakeDatabase) host.database).settings.put("log_statement", "none");

        CaseResult result = host.run(new LoggingCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("database setting log_statement is none; the document requires ddl");
    }

    @Test
    void moreStatementsLoggedSatisfies() {
        assertThat(LoggingCheck.satisfies("log_statement", "ddl", "all")).isTrue();
        assertThat(LoggingCheck.satisfies("log_statement", "mod", "ddl")).isFalse();
    }

    @Test
    void missingAuditScheduleFails() {
        TestHost host = TestHost.portal(root).edit("  audit-schedule:", "  audit-schedule-removed:");

        CaseResult result = host.run(new LoggingCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("the document declares no audit schedule (logging.audit-schedule)");
    }

    @Test
    void volatileJournalWithoutPortalLogFails() {
        TestHost host = TestHost.portal(root);
        host.file("etc/systemd/journald.conf", "[Journal]\nStorage=volatile\n");
        host.delete("var/log/selfcare");

        CaseResult result = host.run(new LoggingCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("journald storage is volatile; the document requires persistent, and "
                + "the portal's log location /var/log/selfcare does not exist");
    }

    @Test
    void dropInOverridesJournaldConf() {
        TestHost host = TestHost.portal(root);
        host.file("etc/systemd/journald.conf.d/50-volatile.conf", "[Journal]\nStorage=volatile\n");

        String storage = JournaldStorage.effective(new HostFiles(root));

        assertThat(storage).isEqualTo("volatile");
    }

    @Test
    void withoutDatabaseIsInconclusive() {
        TestHost host = TestHost.portal(root);
        host.database = null;

        CaseResult result = host.run(new LoggingCheck(), "database");

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).contains("--database-url");
    }

    @Test
    void databaseLoggingBelongsToDatabaseHost() {
        TestHost host = TestHost.portal(root);
        host.database = null;

        CaseResult result = host.run(new LoggingCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.REVIEW);
        assertThat(result.findings()).contains("NOTE: the database does not run on portal (no service named "
                + "'postgresql'), so its logging is checked on its own host");
    }

    @Test
    void withoutJournaldKeptStandardErrorPasses() {
        TestHost host = TestHost.portal(root).withoutSystemd().edit("portal-log: /var/log/selfcare",
                "portal-log: journald");

        CaseResult result = host.run(new LoggingCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.REVIEW);
        assertThat(result.findings()).contains("PASS: java writes its standard error to /var/log/selfcare/portal.log "
                + "(pid " + TestHost.PORTAL_PID + ")", "PASS: clamd writes its standard error to "
                + "/var/log/clamav/clamd.out (pid 4200)");
    }

    @Test
    void withoutJournaldDiscardedStandardErrorFails() {
        TestHost host = TestHost.portal(root).withoutSystemd().edit("portal-log: /var/log/selfcare",
                "portal-log: journald");
        host.delete("proc/4200/fd/2");
        host.link("proc/4200/fd/2", "/dev/null");

        CaseResult result = host.run(new LoggingCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("clamd (pid 4200) discards its standard error (/dev/null)");
    }
}
