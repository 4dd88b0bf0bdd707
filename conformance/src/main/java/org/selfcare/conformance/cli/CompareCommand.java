package org.selfcare.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.selfcare.conformance.model.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code x1470 compare}: checks a run's verdicts against a list of expected verdicts, so CI can fail when a
 * case gets worse while cases that are not implemented yet do not block a release.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compares the verdicts in a report.json with a list of expected verdicts. A case is worse "
                + "when its verdict ranks below the expected one: PASS, then REVIEW, then INCONCLUSIVE, then FAIL.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:no case is worse than expected", "1:at least one case is worse than expected",
                "2:a file is missing or invalid" })
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--report", required = true, paramLabel = "FILE", description = "report.json of a run")
    Path report;

    @Option(names = "--expected", required = true, paramLabel = "FILE",
            description = "lines of 'CASE VERDICT', such as 'T-1-7 PASS'; # starts a comment")
    Path expected;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Verdict> expectedVerdicts;
        Map<String, Verdict> actualVerdicts;
        try {
            expectedVerdicts = readExpected(expected);
            actualVerdicts = readReport(report);
        }
        catch (IllegalArgumentException ex) {
            err.println("x1470: " + ex.getMessage());
            err.flush();
            return X1470.CANNOT_RUN;
        }

        int worse = 0;
        for (Map.Entry<String, Verdict> entry : expectedVerdicts.entrySet()) {
            Verdict actual = actualVerdicts.get(entry.getKey());
            if (actual == null) {
                out.printf("%-6s expected %s but the report has no result%n", entry.getKey(), entry.getValue());
                worse++;
            }
            else if (actual.severity() > entry.getValue().severity()) {
                out.printf("%-6s WORSE: expected %s, got %s%n", entry.getKey(), entry.getValue(), actual);
                worse++;
            }
            else if (actual.severity() < entry.getValue().severity()) {
                out.printf("%-6s better: expected %s, got %s; raise the expected verdict%n", entry.getKey(),
                        entry.getValue(), actual);
            }
        }
        out.printf("%d of %d cases worse than expected%n", worse, expectedVerdicts.size());
        out.flush();
        return (worse == 0) ? X1470.OK : X1470.FAILED;
    }

    static Map<String, Verdict> readExpected(Path file) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                String content = line.replaceAll("#.*", "").trim();
                if (content.isEmpty()) {
                    continue;
                }
                String[] fields = content.split("\\s+");
                if (fields.length != 2) {
                    throw new IllegalArgumentException(file + ":" + number + ": expected 'CASE VERDICT', got '" + line
                            + "'");
                }
                verdicts.put(fields[0].toUpperCase(Locale.ROOT), verdict(fields[1], file + ":" + number));
            }
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage());
        }
        return verdicts;
    }

    static Map<String, Verdict> readReport(Path file) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        try {
            JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode cases = root.get("cases");
            if (cases == null || !cases.isArray()) {
                throw new IllegalArgumentException(file + " has no 'cases' array; is it a report.json of x1470?");
            }
            for (JsonNode entry : cases) {
                if (!entry.hasNonNull("id") || !entry.hasNonNull("verdict")) {
                    throw new IllegalArgumentException(file + " has a case without 'id' or 'verdict'");
                }
                verdicts.put(entry.get("id").asString(), verdict(entry.get("verdict").asString(), file.toString()));
            }
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage());
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException(file + " is not a valid report.json");
        }
        return verdicts;
    }

    private static Verdict verdict(String text, String where) {
        try {
            return Verdict.valueOf(text.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(where + ": unknown verdict '" + text
                    + "'; use PASS, REVIEW, INCONCLUSIVE or FAIL");
        }
    }
}
