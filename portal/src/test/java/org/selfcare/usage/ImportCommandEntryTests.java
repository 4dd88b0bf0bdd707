package org.selfcare.usage;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.SelfcareCommands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code import-cdr} through the same entry point as {@code java -jar selfcare-portal.jar import-cdr}: an
 * application without a web server, on the test data folder's database.
 */
class ImportCommandEntryTests {

    @TempDir
    Path folder;

    @Test
    void commandStartsWithoutWebServerAndImports() throws Exception {
        Path file = folder.resolve("calls.csv");
        Files.writeString(file, "user,other,direction,duration,timestamp,antenna_id,cost\n"
                + "7700900999,4.88E+31,Outgoing,10,Wed Sep 15 19:17:44 +0100 2010,2,33\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;

        int exitCode;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = SelfcareCommands.importCdr(new String[] { "--region", "GB", file.toString() });
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        assertThat(exitCode).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("read 1, imported 0, duplicates 0, rejected 1");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("scientific notation");
    }
}
