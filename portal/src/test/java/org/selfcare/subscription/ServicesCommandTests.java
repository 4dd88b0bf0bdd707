package org.selfcare.subscription;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.selfcare.SelfcareCommands;
import org.selfcare.support.CommandRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code services} through the same entry point as {@code java -jar selfcare-portal.jar services}, on the
 * test data folder's database.
 */
class ServicesCommandTests {

    @Test
    void addsListsAndUpdatesAService() {
        String code = "cmd-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

        CommandRun added = run("add", "--code", code, "--name", "Horoscope", "--content", "Your stars every day.",
                "--fee", "0.25", "--period", "DAY", "--cancellation", "IMMEDIATE_PRO_RATA");
        CommandRun updated = run("update", "--code", code, "--fee", "0.30", "--auto-renew", "false", "--active",
                "false");
        CommandRun listed = run("list");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(updated.exitCode()).as(updated.err()).isZero();
        assertThat(listed.out()).containsPattern(code + "\\s+0\\.30\\s+DAY\\s+no\\s+IMMEDIATE_PRO_RATA\\s+no\\s+"
                + "Horoscope");
    }

    @Test
    void badFieldsGetPlainErrors() {
        assertRejected(run("add", "--code", "Bad Code", "--name", "N", "--content", "C", "--fee", "1", "--period",
                "DAY"), "code must be");
        assertRejected(run("add", "--code", "x-svc", "--name", "N", "--content", "C", "--fee", "1.001", "--period",
                "DAY"), "at most 2 decimals");
        assertRejected(run("add", "--code", "x-svc", "--name", "N", "--content", "C", "--fee", "0", "--period",
                "DAY"), "more than zero");
        assertRejected(run("add", "--code", "x-svc", "--name", " ", "--content", "C", "--fee", "1", "--period",
                "DAY"), "name must be");
        assertRejected(run("update", "--code", "no-such-service", "--fee", "3"), "no service no-such-service");

        CommandRun wrongPeriod = run("add", "--code", "x-svc", "--name", "N", "--content", "C", "--fee", "1",
                "--period", "YEAR");
        assertThat(wrongPeriod.exitCode()).isEqualTo(2);
        assertThat(wrongPeriod.err()).contains("--period").doesNotContain("\tat ");
    }

    private static void assertRejected(CommandRun run, String reason) {
        assertThat(run.exitCode()).isEqualTo(ServicesCommand.REJECTED);
        assertThat(run.err()).contains(reason).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(SelfcareCommands::services, args);
    }
}
