package org.selfcare.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.selfcare.conformance.host.HostAudit;
import org.selfcare.conformance.host.document.DocumentLoader;
import org.selfcare.conformance.host.document.InvalidDocumentException;
import org.selfcare.conformance.host.document.SecurityConfiguration;
import org.selfcare.conformance.host.document.SecurityConfiguration.Host;
import org.selfcare.conformance.host.facts.DatabaseInspector;
import org.selfcare.conformance.host.facts.HostFacts;
import org.selfcare.conformance.host.facts.JdbcDatabaseInspector;
import org.selfcare.conformance.host.facts.LiveHostFacts;
import org.selfcare.conformance.run.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code x1470 host}: checks the server it runs on against the security configuration document and writes the
 * reports.
 */
@Command(name = "host", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Checks this server against the security configuration document (T-1-1 host half to T-1-6) "
                + "and writes report.html, report.json and junit.xml. Run it on each server, as root.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:no case failed", "1:at least one case failed",
                "2:the run could not proceed (invalid arguments or document, unknown host)" })
final class HostCommand implements Callable<Integer> {

    @Option(names = "--document", required = true, paramLabel = "FILE",
            description = "security configuration document (YAML)")
    Path document;

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "folder for the reports")
    Path reportDir;

    @Option(names = "--host", paramLabel = "NAME",
            description = "this server's name in the document; default the host whose address this machine has")
    String host;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "JDBC URL of the portal's database, such as jdbc:postgresql://10.70.3.10:5432/selfcare")
    String databaseUrl;

    @Option(names = "--database-user", paramLabel = "ROLE", description = "read-only database role for the checks")
    String databaseUser;

    @Option(names = "--database-password-file", paramLabel = "FILE",
            description = "file holding the role's password on its first line")
    Path databasePasswordFile;

    @Option(names = "--sbom", paramLabel = "FILE",
            description = "CycloneDX SBOM of the deployed portal; default the document's sbom path")
    Path sbom;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "2",
            description = "how long each reachability check waits for a TCP connection, in seconds (default 2)")
    int connectTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (connectTimeout < 1) {
                throw new IllegalArgumentException("--connect-timeout must be at least 1 second");
            }
            SecurityConfiguration configuration = new DocumentLoader().load(document);
            Optional<DatabaseInspector> database = database();
            HostFacts facts = LiveHostFacts.create(database, Optional.ofNullable(sbom),
                    Duration.ofSeconds(connectTimeout));
            Host self = HostAudit.selectHost(configuration, Optional.ofNullable(host), facts.localAddresses());
            Files.createDirectories(reportDir);

            RunReport report = new HostAudit().run(configuration, self, facts);
            ReportFiles.write(report, reportDir, out);
            return report.anyFailed() ? X1470.FAILED : X1470.OK;
        }
        catch (InvalidDocumentException ex) {
            return X1470.cannotRun(err, ex.getMessage());
        }
        catch (IllegalArgumentException ex) {
            return X1470.cannotRun(err, ex.getMessage());
        }
        catch (IOException ex) {
            return X1470.cannotRun(err, "cannot write the reports to " + reportDir + ": " + ex.getMessage());
        }
    }

    private Optional<DatabaseInspector> database() {
        if (databaseUrl == null && databaseUser == null && databasePasswordFile == null) {
            return Optional.empty();
        }
        if (databaseUrl == null || databaseUser == null || databasePasswordFile == null) {
            throw new IllegalArgumentException("--database-url, --database-user and --database-password-file go "
                    + "together; give all three or none");
        }
        if (!databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--database-url must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://10.70.3.10:5432/selfcare");
        }
        String password;
        try {
            password = Files.readAllLines(databasePasswordFile, StandardCharsets.UTF_8).stream().findFirst()
                    .orElse("");
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("cannot read --database-password-file " + databasePasswordFile);
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("--database-password-file " + databasePasswordFile + " is empty");
        }
        return Optional.of(new JdbcDatabaseInspector(databaseUrl, databaseUser, password));
    }
}
