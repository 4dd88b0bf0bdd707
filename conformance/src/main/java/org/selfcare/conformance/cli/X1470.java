package org.selfcare.conformance.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code x1470}: the ITU-T X.1470 conformance kit.
 */
@Command(name = "x1470", mixinStandardHelpOptions = true, version = "x1470 0.1.0",
        description = "Runs the test cases of ITU-T X.1470 (security guidelines of web-based online customer service) "
                + "against a deployment and reports verdicts with evidence.",
        subcommands = { ListCommand.class, RunCommand.class, HostCommand.class, MergeCommand.class,
                CompareCommand.class })
public final class X1470 implements Runnable {

    /** No case failed. */
    public static final int OK = 0;

    /** At least one case failed. */
    public static final int FAILED = 1;

    /** The run could not proceed: invalid arguments or profile, or an unreachable target. */
    public static final int CANNOT_RUN = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        // picocli returns exit code 2 for invalid arguments, the same as CANNOT_RUN.
        return new CommandLine(new X1470());
    }

    /**
     * Prints why a command cannot proceed, in one line on standard error, and returns {@link #CANNOT_RUN}.
     */
    static int cannotRun(PrintWriter err, String message) {
        err.println("x1470: " + message);
        err.flush();
        return CANNOT_RUN;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
