package org.selfcare.purchase.catalogue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.selfcare.SelfcareCommands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code catalogue} through the same entry point as {@code java -jar selfcare-portal.jar catalogue}, on the
 * test data folder's database.
 */
class CatalogueCommandTests {

    @Test
    void addsListsUpdatesAndStocksAnItem() {
        String id = "cmd-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

        Run added = run("add", "--id", id, "--kind", "RECHARGE_CARD", "--name", "Recharge card 15 GBP",
                "--price", "15.00", "--face-value", "15", "--stock", "20");
        Run updated = run("update", "--id", id, "--price", "14.50", "--active", "false");
        Run stocked = run("stock", id, "+5");
        Run listed = run("list");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(updated.exitCode()).as(updated.err()).isZero();
        assertThat(stocked.out()).contains("Stock of " + id + " is now 25.");
        assertThat(listed.out()).containsPattern(id + "\\s+RECHARGE_CARD\\s+14\\.50\\s+15\\.00\\s+25\\s+no");
    }

    @Test
    void badFieldsGetPlainErrors() {
        assertRefused(run("add", "--id", "Bad Id", "--kind", "DEVICE", "--name", "Phone", "--price", "10"), "id must be");
        assertRefused(run("add", "--id", "x-phone", "--kind", "DEVICE", "--name", "Phone", "--price", "10.001"),
                "at most 2 decimals");
        assertRefused(run("add", "--id", "x-phone", "--kind", "DEVICE", "--name", "Phone", "--price", "-3"),
                "more than zero");
        assertRefused(run("add", "--id", "x-card", "--kind", "RECHARGE_CARD", "--name", "Card", "--price", "5"),
                "face value");
        assertRefused(run("stock", "no-such-item", "3"), "no item no-such-item");
        assertRefused(run("update", "--id", "no-such-item", "--price", "3"), "no item no-such-item");

        Run wrongKind = run("add", "--id", "x-phone", "--kind", "TOASTER", "--name", "Phone", "--price", "10");
        assertThat(wrongKind.exitCode()).isEqualTo(2);
        assertThat(wrongKind.err()).contains("--kind").doesNotContain("\tat ");
    }

    private static void assertRefused(Run run, String reason) {
        assertThat(run.exitCode()).isEqualTo(CatalogueCommand.REFUSED);
        assertThat(run.err()).contains(reason).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int exitCode;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = SelfcareCommands.catalogue(args);
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
