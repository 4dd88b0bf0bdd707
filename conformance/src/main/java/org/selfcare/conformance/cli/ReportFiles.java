package org.selfcare.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.report.HtmlReport;
import org.selfcare.conformance.report.JsonReport;
import org.selfcare.conformance.report.JunitReport;
import org.selfcare.conformance.run.RunReport;

/**
 * Writes the three reports of a run into its folder and prints one line per case and a summary, for the
 * commands that run cases.
 */
final class ReportFiles {

    private ReportFiles() {
    }

    static void write(RunReport report, Path folder, PrintWriter out) throws IOException {
        Path html = HtmlReport.write(report, folder);
        JsonReport.write(report, folder);
        JunitReport.write(report, folder);

        for (CaseResult result : report.results()) {
            out.printf("%-6s %-12s %s%n", result.id(), result.verdict(), result.reason());
        }
        out.printf("%d PASS, %d FAIL, %d INCONCLUSIVE, %d REVIEW; report: %s%n",
                report.counts().get(Verdict.PASS), report.counts().get(Verdict.FAIL),
                report.counts().get(Verdict.INCONCLUSIVE), report.counts().get(Verdict.REVIEW), html);
        out.flush();
    }
}
