package org.selfcare.conformance.host;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.host.document.SecurityConfiguration;
import org.selfcare.conformance.host.document.SecurityConfiguration.Audit;
import org.selfcare.conformance.host.document.SecurityConfiguration.Logging;
import org.selfcare.conformance.host.facts.DatabaseInspector;
import org.selfcare.conformance.host.facts.FactUnavailableException;
import org.selfcare.conformance.host.facts.HostFiles;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.Verdict;

/**
 * T-1-3: the database logs what the document requires, the host keeps its logs, and an audit of the logs is
 * scheduled. Whether the audits happen is for a person to confirm, so a host that passes ends in REVIEW.
 */
final class LoggingCheck implements HostCheck {

    /** {@code log_statement} values from least to most logged. */
    private static final List<String> STATEMENT_LEVELS = List.of("none", "ddl", "mod", "all");

    private final CaseDescription description = CaseCatalog.get("T-1-3");

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public CaseResult run(HostContext context) {
        Findings findings = new Findings();
        Logging logging = context.document().logging();
        checkDatabase(context, logging, findings);
        checkSystem(context, logging, findings);

        SecurityConfiguration document = context.document();
        if (logging.auditSchedule().isEmpty()) {
            findings.fail("the document declares no audit schedule (logging.audit-schedule): nobody is set to read "
                    + "the logs");
            return context.result(description, findings, Verdict.PASS, "");
        }
        for (Audit audit : logging.auditSchedule()) {
            findings.pass("audit declared: " + audit.what() + ", every " + audit.every()
                    + audit.who().map((who) -> ", by " + who).orElse(""));
        }
        return context.result(description, findings, Verdict.REVIEW, "logging is on; read the audit schedule in "
                + "logging.audit-schedule (" + document.where(logging.auditLine()) + ") and confirm it is followed");
    }

    private static void checkDatabase(HostContext context, Logging logging, Findings findings) {
        if (logging.database().isEmpty()) {
            findings.fail("the document declares no database logging settings (logging.database)");
            return;
        }
        Optional<DatabaseInspector> database = context.facts().database();
        if (database.isEmpty() && !context.runsDatabase()) {
            findings.note("the database does not run on " + context.host().name() + " (no service named '"
                    + HostContext.DATABASE_SERVICE + "'), so its logging is checked on its own host");
            return;
        }
        if (database.isEmpty()) {
            findings.inconclusive("database logging not checked: give --database-url, --database-user and "
                    + "--database-password-file");
            return;
        }
        Map<String, String> actual;
        try {
            actual = database.get().settings(logging.database().keySet());
        }
        catch (FactUnavailableException ex) {
            findings.inconclusive("database logging not checked: " + ex.getMessage());
            return;
        }
        logging.database().forEach((name, required) -> {
            String value = actual.get(name);
            context.evidence().note("database setting " + name + " = " + value);
            if (value == null) {
                findings.fail("the database has no setting " + name + "; the document requires " + required);
            }
            else if (satisfies(name, required, value)) {
                findings.pass("database setting " + name + " is " + value);
            }
            else {
                findings.fail("database setting " + name + " is " + value + "; the document requires " + required);
            }
        });
    }

    static boolean satisfies(String name, String required, String actual) {
        String want = required.toLowerCase(Locale.ROOT);
        String have = actual.toLowerCase(Locale.ROOT);
        if ("log_statement".equals(name) && STATEMENT_LEVELS.contains(want) && STATEMENT_LEVELS.contains(have)) {
            return STATEMENT_LEVELS.indexOf(have) >= STATEMENT_LEVELS.indexOf(want);
        }
        return want.equals(have);
    }

    /**
     * Passes when journald stores its journal as declared or, on the portal's host, the declared log folder exists.
     * Where journald does not run, the declared processes must keep their standard error instead.
     */
    private static void checkSystem(HostContext context, Logging logging, Findings findings) {
        if (logging.journaldStorage().isEmpty() && logging.portalLog().isEmpty()) {
            findings.fail("the document declares no system logging (logging.system)");
            return;
        }
        HostFiles files = context.facts().files();
        Optional<String> portalLog = logging.portalLog().filter((log) -> !"journald".equalsIgnoreCase(log))
                .filter((log) -> context.portal().isPresent());
        if (portalLog.isPresent()) {
            if (files.exists(portalLog.get())) {
                findings.pass("the portal's log location " + portalLog.get() + " exists");
                return;
            }
            findings.note("the portal's log location " + portalLog.get() + " does not exist");
        }

        if (!files.isDirectory("/run/systemd/journal")) {
            if (portalLog.isPresent()) {
                findings.fail("the portal's log location " + portalLog.get() + " does not exist and journald does "
                        + "not run on this host");
            }
            else {
                new ProcessOutputCheck(context, findings).run();
            }
            return;
        }
        String storage = JournaldStorage.effective(files);
        String required = logging.journaldStorage().orElse("persistent");
        context.evidence().note("journald storage: " + storage);
        if (storage.equalsIgnoreCase(required)) {
            findings.pass("journald stores the journal " + storage);
        }
        else {
            findings.fail("journald storage is " + storage + "; the document requires " + required
                    + (portalLog.isPresent() ? ", and the portal's log location " + portalLog.get() + " does not exist"
                            : ""));
        }
    }
}
