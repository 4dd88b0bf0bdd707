package org.selfcare.conformance.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class HostCommandTests {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();

    private final StringWriter err = new StringWriter();

    /**
     * Runs on this machine with every address of the document moved to loopback, so the reachability checks
     * connect only to this machine.
     */
    @Test
    void hostWritesReportsThatCompareReads() throws Exception {
        Path document = document(example().replace("10.70.", "127.0."));
        Path reports = folder.resolve("reports");

        int exitCode = execute("host", "--document", document.toString(), "--host", "portal", "--report",
                reports.toString(), "--connect-timeout", "1");

        assertThat(exitCode).as(err.toString()).isIn(0, 1);
        assertThat(reports.resolve("report.html")).exists();
        assertThat(reports.resolve("junit.xml")).exists();
        assertThat(Files.readString(reports.resolve("report.json"))).contains("\"type\" : \"host\"")
                .contains("\"id\" : \"T-1-6\"");
        assertThat(out.toString().lines().filter((line) -> line.startsWith("T-1-"))).hasSize(6);

        Path expected = folder.resolve("expected");
        Files.writeString(expected, "T-1-1 FAIL\nT-1-2 FAIL\nT-1-3 FAIL\nT-1-4 FAIL\nT-1-5 FAIL\nT-1-6 FAIL\n");
        int compared = execute("compare", "--report", reports.resolve("report.json").toString(), "--expected",
                expected.toString());
        assertThat(compared).as(out.toString()).isZero();
    }

    @Test
    void missingDocumentExitsTwoWithOneLine() {
        Path missing = folder.resolve("missing.yaml");

        int exitCode = execute("host", "--document", missing.toString(), "--report", folder.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("x1470: " + missing + " not found; give the security configuration "
                + "document with --document" + System.lineSeparator());
    }

    @Test
    void malformedDocumentNamesTheLine() throws Exception {
        Path document = document("version: 1\ndomains: [\n");

        int exitCode = execute("host", "--document", document.toString(), "--report", folder.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("x1470: " + document + " line 2: not valid YAML")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void unknownHostExitsTwo() throws Exception {
        Path document = document(example());

        int exitCode = execute("host", "--document", document.toString(), "--host", "mail", "--report",
                folder.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--host mail is not in").contains("its hosts are front, portal, database");
    }

    @Test
    void partialDatabaseOptionsExitTwo() throws Exception {
        Path document = document(example());

        int exitCode = execute("host", "--document", document.toString(), "--host", "portal", "--report",
                folder.toString(), "--database-url", "jdbc:postgresql://127.0.0.1:1/selfcare");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--database-url, --database-user and --database-password-file go "
                + "together");
    }

    private Path document(String text) throws Exception {
        Path file = folder.resolve("security-configuration.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String example() throws Exception {
        try (InputStream in = HostCommandTests.class.getResourceAsStream("/host/security-configuration.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private int execute(String... args) {
        CommandLine commandLine = X1470.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }
}
