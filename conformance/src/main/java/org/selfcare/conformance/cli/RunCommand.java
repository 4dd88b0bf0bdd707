package org.selfcare.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.selfcare.conformance.cases.CaseRegistry;
import org.selfcare.conformance.inbox.KitInboxes.InboxStartException;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.profile.InvalidProfileException;
import org.selfcare.conformance.profile.ProfileLoader;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.conformance.run.KitRunner;
import org.selfcare.conformance.run.KitRunner.TargetUnreachableException;
import org.selfcare.conformance.run.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code x1470 run}: runs cases against a target and writes the reports.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs test cases against a deployment and writes report.html, report.json and junit.xml.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:no case failed", "1:at least one case failed",
                "2:the run could not proceed (invalid arguments or profile, unreachable target)" })
final class RunCommand implements Callable<Integer> {

    @Option(names = "--target", required = true, paramLabel = "URL",
            description = "base URL of the deployment, such as https://portal.example.net")
    String target;

    @Option(names = "--profile", required = true, paramLabel = "FILE", description = "target profile (YAML)")
    Path profileFile;

    @Option(names = "--cases", split = ",", paramLabel = "ID",
            description = "cases to run, such as T-1-7 or T-5-*; default all")
    List<String> cases = new ArrayList<>();

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "folder for the reports")
    Path reportDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            URI targetUri = parseTarget(target);
            TargetProfile profile = new ProfileLoader().load(profileFile);
            List<TestCase> selected = CaseRegistry.standard().select(cases);
            KitRunner.checkReachable(targetUri, profile.timeout());
            Files.createDirectories(reportDir);

            RunReport report = new KitRunner(Clock.systemUTC()).run(targetUri, profile, selected);
            ReportFiles.write(report, reportDir, out);
            return report.anyFailed() ? X1470.FAILED : X1470.OK;
        }
        catch (InvalidProfileException ex) {
            return X1470.cannotRun(err, "invalid profile " + profileFile + ": " + ex.getMessage());
        }
        catch (TargetUnreachableException | InboxStartException | IllegalArgumentException ex) {
            return X1470.cannotRun(err, ex.getMessage());
        }
        catch (IOException ex) {
            return X1470.cannotRun(err, "cannot write the reports to " + reportDir + ": " + ex.getMessage());
        }
    }

    private static URI parseTarget(String value) {
        try {
            URI uri = new URI(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--target must be an http or https URL such as "
                        + "https://portal.example.net, not '" + value + "'");
            }
            String path = (uri.getPath() == null || uri.getPath().isEmpty()) ? "/" : uri.getPath();
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path, null, null);
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("--target is not a valid URL: " + value);
        }
    }
}
