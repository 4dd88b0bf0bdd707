package org.selfcare.sandbox.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the runnable jar: starts one stand-in and runs it until the process is terminated. */
@Command(name = "selfcare-sandbox", mixinStandardHelpOptions = true,
        description = "Runs a stand-in for an operator's external system on 127.0.0.1 until SIGTERM or Ctrl-C.",
        subcommands = {SmscCommand.class, MailCommand.class, PaymentsCommand.class})
public final class SandboxCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SandboxCommand()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Missing command: use smsc, mail or payments");
    }

    /**
     * Blocks until the JVM shuts down, after running {@code stop} in a shutdown hook. SIGTERM and SIGINT start the
     * shutdown, so the stand-in closes its sockets before the process exits.
     */
    static void runUntilShutdown(Runnable stop) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            System.out.println("Stopped");
            System.out.flush();
            stopped.countDown();
        }, "sandbox-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the first line of {@code file}, stripped; {@code valueName} names the value in the error. */
    static String readFirstLine(Path file, String valueName) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String firstLine = content.lines().findFirst().orElse("").strip();
        if (firstLine.isEmpty()) {
            throw new IllegalArgumentException("File " + file + " is empty: write the " + valueName + " on its first line");
        }
        return firstLine;
    }
}
