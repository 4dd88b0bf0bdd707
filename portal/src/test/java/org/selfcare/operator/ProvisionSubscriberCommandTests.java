package org.selfcare.operator;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.selfcare.SelfcareCommands;
import org.selfcare.support.CommandRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code provision-subscriber} through the same entry point as
 * {@code java -jar selfcare-portal.jar provision-subscriber}: an application without a web server, on the test data
 * folder's database.
 */
class ProvisionSubscriberCommandTests {

    @Test
    void commandProvisionsAndRejectsDuplicate() {
        // A random number from 07700 700000 to 07700 799999, a range no other test uses.
        String number = String.format("07700 7%05d", ThreadLocalRandom.current().nextInt(100_000));

        CommandRun created = run("--msisdn", number, "--region", "GB", "--display-name", "Ada Lovelace", "--time-zone",
                "Europe/London", "--contact-email", "ada@example.org", "--identity-document-digits", "1234");
        CommandRun duplicate = run("--msisdn", number, "--region", "GB", "--display-name", "Ada Lovelace", "--time-zone",
                "Europe/London", "--contact-email", "ada@example.org", "--identity-document-digits", "1234");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Provisioned subscriber id").contains("status PROVISIONED");
        assertThat(duplicate.exitCode()).isEqualTo(ProvisionSubscriberCommand.DUPLICATE);
        assertThat(duplicate.err()).contains("already exists");
    }

    @Test
    void invalidFieldsGetPlainErrors() {
        CommandRun run = run("--msisdn", "12", "--region", "GB", "--display-name", "Ada Lovelace", "--time-zone",
                "Mars/Olympus", "--contact-email", "ada", "--identity-document-digits", "12");

        assertThat(run.exitCode()).isEqualTo(ProvisionSubscriberCommand.INVALID_FIELD);
        assertThat(run.err()).contains("Field msisdn")
                .contains("Field timeZone")
                .contains("Field contactEmail")
                .contains("Field identityDocumentDigits")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void missingOptionGetsUsage() {
        CommandRun run = run("--msisdn", "07700 700000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required options");
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(SelfcareCommands::provisionSubscriber, args);
    }
}
