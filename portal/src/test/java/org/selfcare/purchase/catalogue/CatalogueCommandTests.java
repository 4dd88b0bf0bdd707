package org.selfcare.purchase.catalogue;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.selfcare.SelfcareCommands;
import org.selfcare.support.CommandRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code catalogue} through the same entry point as {@code java -jar selfcare-portal.jar catalogue}, on the
 * test data folder's database.
 */
class CatalogueCommandTests {

    @Test
    void addsListsUpdatesAndStocksAnItem() {
        String id = "cmd-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

        CommandRun added = run("add", "--id", id, "--kind", "RECHARGE_CARD", "--name", "Recharge card 15 GBP",
                "--price", "15.00", "--face-value", "15", "--stock", "20");
        CommandRun updated = run("update", "--id", id, "--price", "14.50", "--active", "false");
        CommandRun stocked = run("stock", id, "+5");
        CommandRun listed = run("list");

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

        CommandRun wrongKind = run("add", "--id", "x-phone", "--kind", "TOASTER", "--name", "Phone", "--price", "10");
        assertThat(wrongKind.exitCode()).isEqualTo(2);
        assertThat(wrongKind.err()).contains("--kind").doesNotContain("\tat ");
    }

    private static void assertRefused(CommandRun run, String reason) {
        assertThat(run.exitCode()).isEqualTo(CatalogueCommand.REFUSED);
        assertThat(run.err()).contains(reason).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(SelfcareCommands::catalogue, args);
    }
}
