package org.selfcare.operator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.selfcare.SelfcareCommands;

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

        Run created = run("--msisdn", number, "--region", "GB", "--display-name", "Ada Lovelace", "--time-zone",
                "Europe/London", "--contact-email", "ada@example.org", "--identity-document-digits", "1234");
        Run duplicate = run("--msisdn", number, "--region", "GB", "--display-name", "Ada Lovelace", "--time-zone",
                "Europe/London", "--contact-email", "ada@example.org", "--identity-document-digits", "1234");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Provisioned subscriber id").contains("status PROVISIONED");
        assertThat(duplicate.exitCode()).isEqualTo(ProvisionSubscriberCommand.DUPLICATE);
        assertThat(duplicate.err()).contains("already exists");
    }

    @Test
    void invalidFieldsGetPlainErrors() {
        Run run = run("--msisdn", "12", "--region", "GB", "--display-name", "Ada Lovelace", "--time-zone",
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
        Run run = run("--msisdn", "07700 700000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required options");
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
            exitCode = SelfcareCommands.provisionSubscriber(args);
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
