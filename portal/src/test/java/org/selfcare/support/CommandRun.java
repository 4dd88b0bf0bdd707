package org.selfcare.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/**
 * The exit code and output of one of the jar's commands, run through its entry point in
 * {@code SelfcareCommands} with standard output and standard error captured.
 */
public record CommandRun(int exitCode, String out, String err) {

    /**
     * Runs {@code command} with {@code args}, such as {@code CommandRun.of(SelfcareCommands::catalogue, "list")}.
     */
    public static CommandRun of(ToIntFunction<String[]> command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int exitCode;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = command.applyAsInt(args);
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new CommandRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
