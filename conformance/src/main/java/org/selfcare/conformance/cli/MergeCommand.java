package org.selfcare.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.selfcare.conformance.report.JsonReport;
import org.selfcare.conformance.report.JsonReportReader;
import org.selfcare.conformance.report.ReportMerger;
import org.selfcare.conformance.run.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code x1470 merge}: joins the reports of one deployment, such as the web run and a host run per server, into
 * one report set, so a single report.html shows every case and {@code compare} checks them together.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Merges report.json files of one deployment into one report set. Each case takes the worst "
                + "verdict of the reports that exercised it; a case a command does not exercise (INCONCLUSIVE, "
                + "not implemented in this version) counts only when no report exercised it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:no case failed", "1:at least one case failed",
                "2:a report is missing or invalid, or the output folder cannot be written" })
final class MergeCommand implements Callable<Integer> {

    @Option(names = "--report", required = true, paramLabel = "FILE",
            description = "report.json of a run, or the folder holding it; give it once per report, at least twice")
    List<Path> reports;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "folder for the merged report.html, report.json and junit.xml")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunReport merged;
        try {
            merged = ReportMerger.merge(reports.stream().map(MergeCommand::reportFile).map(JsonReportReader::read)
                    .toList());
        }
        catch (IllegalArgumentException ex) {
            return X1470.cannotRun(err, ex.getMessage());
        }
        try {
            Files.createDirectories(output);
            ReportFiles.write(merged, output, out);
        }
        catch (IOException ex) {
            return X1470.cannotRun(err, "cannot write the reports to " + output + ": " + ex.getMessage());
        }
        return merged.anyFailed() ? X1470.FAILED : X1470.OK;
    }

    private static Path reportFile(Path given) {
        return Files.isDirectory(given) ? given.resolve(JsonReport.FILE) : given;
    }
}
