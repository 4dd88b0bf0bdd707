package org.selfcare.operator.staff;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.selfcare.SelfcareCommands;
import org.selfcare.support.CommandRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code staff} through the same entry point as {@code java -jar selfcare-portal.jar staff}, on the test data
 * folder's database: the first administrator's secrets are printed once, and refusals are plain.
 */
class StaffCommandTests {

    @Test
    void addsListsResetsAndDisablesAnAccount() {
        String username = "cmd" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

        CommandRun added = run("add", username, "--role", "administrator");
        CommandRun reset = run("reset-totp", username);
        CommandRun disabled = run("disable", username);
        CommandRun listed = run("list");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).containsPattern("Password: +\\S{24}").containsPattern("TOTP secret: +[A-Z2-7]{32}")
                .contains("otpauth://totp/");
        assertThat(reset.out()).containsPattern("TOTP secret: +[A-Z2-7]{32}").doesNotContain("Password:");
        assertThat(disabled.exitCode()).isZero();
        assertThat(listed.out()).containsPattern(username + "\\s+administrator\\s+no");
    }

    @Test
    void invalidOrDuplicateAccountsRejected() {
        String username = "dup" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        assertThat(run("add", username, "--role", "support").exitCode()).isZero();

        assertRefused(run("add", username, "--role", "support"), "exists already");
        assertRefused(run("add", "No Spaces", "--role", "support"), "username must be");
        assertRefused(run("add", "x" + username, "--role", "root"), "role must be");
        assertRefused(run("disable", "nobody-" + username), "no staff account");
    }

    private static void assertRefused(CommandRun run, String reason) {
        assertThat(run.exitCode()).isEqualTo(StaffCommand.REFUSED);
        assertThat(run.err()).contains(reason).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(SelfcareCommands::staff, args);
    }
}
