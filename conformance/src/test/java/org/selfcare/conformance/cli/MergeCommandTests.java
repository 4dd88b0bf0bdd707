package org.selfcare.conformance.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.cases.CaseRegistry;
import org.selfcare.conformance.evidence.HttpExchange;
import org.selfcare.conformance.evidence.Note;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.report.JsonReport;
import org.selfcare.conformance.report.JsonReportReader;
import org.selfcare.conformance.run.RunReport;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class MergeCommandTests {

    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();

    private final StringWriter err = new StringWriter();

    @Test
    void hostCaseTakesWorstHostVerdict() throws Exception {
        Path web = write("web", report("https://10.70.1.10/", START,
                result("T-1-2", Verdict.INCONCLUSIVE, CaseRegistry.NOT_IMPLEMENTED_REASON)));
        Path front = write("front", report("host front (10.70.1.10)", START.plusSeconds(60),
                result("T-1-2", Verdict.PASS, "only declared sockets")));
        Path portal = write("portal", report("host portal (10.70.2.10)", START.plusSeconds(90),
                result("T-1-2", Verdict.FAIL, "undeclared listening socket 0.0.0.0:8080 java")));

        int exitCode = merge(web, front, portal);

        assertThat(exitCode).isEqualTo(1);
        CaseResult merged = mergedCase("T-1-2");
        assertThat(merged.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(merged.reason()).isEqualTo("host portal (10.70.2.10): undeclared listening socket 0.0.0.0:8080 java");
        assertThat(merged.findings()).doesNotContain("NOTE: https://10.70.1.10/: INCONCLUSIVE, "
                + CaseRegistry.NOT_IMPLEMENTED_REASON);
    }

    @Test
    void unexercisedPlaceholderDoesNotHideHostPass() throws Exception {
        Path web = write("web", report("https://10.70.1.10/", START,
                result("T-1-5", Verdict.INCONCLUSIVE, CaseRegistry.NOT_IMPLEMENTED_REASON)));
        Path front = write("front", report("host front (10.70.1.10)", START,
                result("T-1-5", Verdict.PASS, "the ruleset drops by default")));

        assertThat(merge(web, front)).isZero();
        assertThat(mergedCase("T-1-5").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void hostInconclusiveOutweighsWebReview() throws Exception {
        Path web = write("web", report("https://10.70.1.10/", START,
                result("T-1-1", Verdict.REVIEW, "read the patch routine")));
        Path portal = write("portal", report("host portal (10.70.2.10)", START,
                result("T-1-1", Verdict.INCONCLUSIVE, "the anti-virus daemon not checked")));

        merge(web, portal);

        CaseResult merged = mergedCase("T-1-1");
        assertThat(merged.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(merged.reason()).startsWith("host portal (10.70.2.10): ");
    }

    @Test
    void caseNoReportExercisedStaysInconclusive() throws Exception {
        Path web = write("web", report("https://10.70.1.10/", START,
                result("T-4-1", Verdict.INCONCLUSIVE, CaseRegistry.NOT_IMPLEMENTED_REASON)));
        Path front = write("front", report("host front (10.70.1.10)", START,
                result("T-1-2", Verdict.PASS, "only declared sockets")));

        merge(web, front);

        assertThat(mergedCase("T-4-1").verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(mergedCase("T-4-1").reason()).endsWith(CaseRegistry.NOT_IMPLEMENTED_REASON);
    }

    @Test
    void findingsAndEvidenceKeepTheirSource() throws Exception {
        Path web = write("web", report("https://10.70.1.10/", START,
                result("T-1-1", Verdict.REVIEW, "read the patch routine")));
        Path front = write("front", report("host front (10.70.1.10)", START.plusSeconds(120),
                result("T-1-1", Verdict.REVIEW, "read the patching section")));

        merge(web, front);

        RunReport merged = JsonReportReader.read(folder.resolve("merged/report.json"));
        assertThat(merged.started()).isEqualTo(START);
        assertThat(merged.finished()).isEqualTo(START.plusSeconds(121));
        assertThat(merged.target()).isEqualTo("https://10.70.1.10/, host front (10.70.1.10)");
        CaseResult merged11 = merged.results().get(0);
        assertThat(merged11.findings()).contains("PASS: [host front (10.70.1.10)] checked T-1-1");
        assertThat(merged11.evidence()).contains(new Note("evidence of host front (10.70.1.10)"));
        assertThat(merged11.evidence()).filteredOn(HttpExchange.class::isInstance).hasSize(2);
        assertThat(Files.readString(folder.resolve("merged/report.html"))).contains("host front (10.70.1.10)");
        assertThat(folder.resolve("merged/junit.xml")).exists();
    }

    @Test
    void singleReportIsRejected() throws Exception {
        Path web = write("web", report("https://10.70.1.10/", START, result("T-1-1", Verdict.REVIEW, "read")));

        assertThat(merge(web)).isEqualTo(2);
        assertThat(err.toString()).contains("at least two reports");
    }

    @Test
    void invalidReportIsRejected() throws Exception {
        Path web = write("web", report("https://10.70.1.10/", START, result("T-1-1", Verdict.REVIEW, "read")));
        Path broken = Files.createDirectories(folder.resolve("broken"));
        Files.writeString(broken.resolve("report.json"), "{\"cases\": [");

        assertThat(merge(web, broken)).isEqualTo(2);
        assertThat(err.toString()).contains("broken/report.json is not valid JSON");
    }

    @Test
    void reportOfOtherSchemaIsRejected() throws Exception {
        Path web = write("web", report("https://10.70.1.10/", START, result("T-1-1", Verdict.REVIEW, "read")));
        Path other = Files.createDirectories(folder.resolve("other"));
        Files.writeString(other.resolve("report.json"), "{\"schemaVersion\": 2, \"cases\": []}");

        assertThat(merge(web, other)).isEqualTo(2);
        assertThat(err.toString()).contains("has schemaVersion 2");
    }

    private int merge(Path... reports) {
        CommandLine commandLine = X1470.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> arguments = new java.util.ArrayList<>(List.of("merge", "--output",
                folder.resolve("merged").toString()));
        for (Path report : reports) {
            arguments.add("--report");
            arguments.add(report.toString());
        }
        return commandLine.execute(arguments.toArray(String[]::new));
    }

    private CaseResult mergedCase(String id) {
        return JsonReportReader.read(folder.resolve("merged/report.json")).results().stream()
                .filter((result) -> result.id().equals(id)).findFirst().orElseThrow();
    }

    private Path write(String name, RunReport report) throws Exception {
        Path reportFolder = Files.createDirectories(folder.resolve(name));
        JsonReport.write(report, reportFolder);
        return reportFolder;
    }

    private static RunReport report(String target, Instant started, CaseResult... results) {
        return new RunReport("0.1.0", target, "profile of " + target, "host", started, started.plusSeconds(1),
                List.of(results));
    }

    private static CaseResult result(String id, Verdict verdict, String reason) {
        HttpExchange exchange = new HttpExchange(START, "GET", "https://10.70.1.10/signin",
                Map.of("Accept", List.of("text/html")), "", 200, Map.of(), "<html></html>", 12, "");
        return new CaseResult(CaseCatalog.get(id), verdict, reason, List.of("PASS: checked " + id),
                List.of(exchange), Duration.ofMillis(5));
    }
}
