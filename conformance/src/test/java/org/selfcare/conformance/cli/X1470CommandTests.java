package org.selfcare.conformance.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.support.TestSite;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class X1470CommandTests {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();

    private final StringWriter err = new StringWriter();

    @Test
    void listPrintsEveryCase() {
        int exitCode = execute("list");

        assertThat(exitCode).isZero();
        assertThat(out.toString().lines()).hasSize(27);
        assertThat(out.toString()).contains("T-1-1").contains("T-5-6");
    }

    @Test
    void runWritesAllThreeReports() throws Exception {
        Path profile = profile("type: selfcare\n");
        try (TestSite site = TestSite.http()) {
            int exitCode = execute("run", "--target", site.uri().toString(), "--profile", profile.toString(),
                    "--cases", "T-1-2", "--report", folder.resolve("report").toString());

            assertThat(exitCode).isZero();
        }
        assertThat(folder.resolve("report/report.html")).exists();
        assertThat(folder.resolve("report/report.json")).exists();
        assertThat(folder.resolve("report/junit.xml")).exists();
        assertThat(out.toString()).contains("T-1-2").contains("INCONCLUSIVE").contains("not implemented");
    }

    @Test
    void listMarksNewCasesImplemented() {
        execute("list");

        assertThat(out.toString().lines().filter((line) -> line.startsWith("T-2-1") || line.startsWith("T-2-2")
                || line.startsWith("T-2-3") || line.startsWith("T-2-4") || line.startsWith("T-5-5")
                || line.startsWith("T-3-2") || line.startsWith("T-3-3") || line.startsWith("T-4-")))
                .hasSize(10).noneMatch((line) -> line.contains("not implemented"));
    }

    @Test
    void busySmscPortExitsTwo() throws Exception {
        try (TestSite site = TestSite.http(); ServerSocket busy = new ServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            Path profile = profile("type: selfcare\nsms: {port: " + busy.getLocalPort() + ", password: s3cret}\n");

            int exitCode = execute("run", "--target", site.uri().toString(), "--profile", profile.toString(),
                    "--cases", "T-2-1", "--report", folder.resolve("report").toString());

            assertThat(exitCode).as(err.toString()).isEqualTo(2);
            assertThat(err.toString()).contains("cannot start the kit's SMSC on sms.port " + busy.getLocalPort())
                    .contains("choose a free port");
        }
    }

    @Test
    void invalidProfileExitsTwoWithOneLine() throws Exception {
        Path profile = profile("type: selfcare\nlockout: {max-failures: many}\n");

        int exitCode = execute("run", "--target", "https://localhost:1", "--profile", profile.toString(), "--report",
                folder.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("lockout.max-failures must be a whole number");
    }

    @Test
    void unreachableTargetExitsTwo() throws Exception {
        Path profile = profile("type: selfcare\n");
        int port;
        try (TestSite site = TestSite.http()) {
            port = site.port();
        }

        int exitCode = execute("run", "--target", "http://localhost:" + port, "--profile", profile.toString(),
                "--report", folder.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("cannot connect to localhost:" + port).contains("check --target");
    }

    @Test
    void badTargetAndCasesExitTwo() throws Exception {
        Path profile = profile("type: selfcare\n");

        assertThat(execute("run", "--target", "ftp://x", "--profile", profile.toString(), "--report",
                folder.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--target must be an http or https URL");
        assertThat(execute("run", "--target", "https://localhost:1", "--profile", profile.toString(), "--cases",
                "T-7-*", "--report", folder.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("matches no case");
    }

    @Test
    void missingOptionExitsTwo() {
        assertThat(execute("run", "--target", "https://localhost:1")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option");
    }

    private int execute(String... args) {
        CommandLine commandLine = X1470.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    private Path profile(String yaml) throws Exception {
        Path file = Files.createTempFile(folder, "profile", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
