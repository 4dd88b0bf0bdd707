package org.selfcare.conformance.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTests {

    @TempDir
    Path folder;

    Path report;

    private final StringWriter out = new StringWriter();

    private final StringWriter err = new StringWriter();

    @BeforeEach
    void report() throws Exception {
        report = folder.resolve("report.json");
        Files.writeString(report, """
                {"cases": [{"id": "T-1-7", "verdict": "PASS"}, {"id": "T-5-2", "verdict": "FAIL"},
                           {"id": "T-2-1", "verdict": "INCONCLUSIVE"}]}
                """);
    }

    @Test
    void worseVerdictFails() throws Exception {
        int exitCode = compare("T-1-7 PASS\nT-5-2 PASS\n");

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString()).contains("T-5-2  WORSE: expected PASS, got FAIL");
    }

    @Test
    void equalOrBetterVerdictsPass() throws Exception {
        int exitCode = compare("# comment\nT-1-7 INCONCLUSIVE   # improved\nT-5-2 FAIL\nT-2-1 INCONCLUSIVE\n");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("T-1-7  better").contains("0 of 3 cases worse");
    }

    @Test
    void caseMissingFromReportFails() throws Exception {
        assertThat(compare("T-4-1 FAIL\n")).isEqualTo(1);
        assertThat(out.toString()).contains("no result");
    }

    @Test
    void malformedListExitsTwo() throws Exception {
        assertThat(compare("T-1-7\n")).isEqualTo(2);
        assertThat(err.toString()).contains(":1: expected 'CASE VERDICT'");
        assertThat(compare("T-1-7 GOOD\n")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown verdict 'GOOD'");
    }

    private int compare(String expected) throws Exception {
        Path list = Files.createTempFile(folder, "expected", ".txt");
        Files.writeString(list, expected);
        CommandLine commandLine = X1470.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute("compare", "--report", report.toString(), "--expected", list.toString());
    }
}
