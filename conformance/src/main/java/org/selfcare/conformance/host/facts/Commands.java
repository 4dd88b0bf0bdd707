package org.selfcare.conformance.host.facts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system tools the live facts come from ({@code ss}, {@code systemctl}, {@code nft}) and returns what
 * they print, or the reason they could not run.
 */
final class Commands {

    private static final long TIMEOUT_SECONDS = 20;

    private Commands() {
    }

    static String output(List<String> command) throws FactUnavailableException {
        String name = String.join(" ", command);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (IOException ex) {
            throw new FactUnavailableException("cannot run '" + name + "': " + ex.getMessage());
        }
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new FactUnavailableException("'" + name + "' timed out after " + TIMEOUT_SECONDS + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new FactUnavailableException("'" + name + "' failed with exit code " + process.exitValue()
                        + ": " + text.lines().findFirst().orElse("").trim());
            }
            return text;
        }
        catch (IOException ex) {
            throw new FactUnavailableException("cannot read the output of '" + name + "': " + ex.getMessage());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new FactUnavailableException("interrupted while running '" + name + "'");
        }
    }
}
