package org.selfcare.integrity;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selfcare.SelfcareCommands;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code verify-seals} through the same entry point as {@code java -jar selfcare-portal.jar verify-seals},
 * against the test data folder's database. The command runs in an application of its own, so edits are
 * committed, and they are undone afterwards.
 */
@PortalTest
@ExtendWith(OutputCaptureExtension.class)
class VerifySealsCommandTests {

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void intactSealsExitZero(CapturedOutput output) {
        paidSubscriber();

        int exitCode = SelfcareCommands.verifySeals(new String[0]);

        assertThat(exitCode).as(output.getAll()).isZero();
        assertThat(output.getOut()).contains("Every seal and balance verifies").doesNotContain("Broken seal:");
    }

    @Test
    void brokenSealsAreListedAndExitOne(CapturedOutput output) {
        Subscriber subscriber = paidSubscriber();
        long payment = jdbc.sql("SELECT id FROM payment WHERE subscriber_id = ?").param(subscriber.id())
                .query(Long.class).single();
        long entry = jdbc.sql("SELECT id FROM ledger_entry WHERE subscriber_id = ?").param(subscriber.id())
                .query(Long.class).single();

        Subscriber other = paidSubscriber();

        int exitCode;
        try {
            jdbc.sql("UPDATE payment SET channel = 'CASH' WHERE id = ?").param(payment).update();
            jdbc.sql("UPDATE ledger_entry SET description = 'Refund' WHERE id = ?").param(entry).update();
            jdbc.sql("UPDATE account SET balance_minor = balance_minor + 1 WHERE subscriber_id = ?").param(other.id())
                    .update();
            exitCode = SelfcareCommands.verifySeals(new String[0]);
        }
        finally {
            jdbc.sql("UPDATE payment SET channel = 'CARD' WHERE id = ?").param(payment).update();
            jdbc.sql("UPDATE ledger_entry SET description = 'Top-up by card' WHERE id = ?").param(entry).update();
            jdbc.sql("UPDATE account SET balance_minor = balance_minor - 1 WHERE subscriber_id = ?").param(other.id())
                    .update();
        }

        List<String> broken = output.getOut().lines()
                .filter((line) -> line.startsWith("Broken seal:") || line.startsWith("Balance differs"))
                .toList();
        assertThat(exitCode).isEqualTo(1);
        assertThat(broken).containsExactlyInAnyOrder("Broken seal: payment " + payment,
                "Broken seal: ledger_entry " + entry, "Balance differs from its ledger: account " + other.id());
        assertThat(output.getOut()).contains("3 broken records");
    }

    @Test
    void unknownOptionExitsTwo(CapturedOutput output) {
        int exitCode = SelfcareCommands.verifySeals(new String[] { "--repair" });

        assertThat(exitCode).isEqualTo(2);
        assertThat(output.getErr()).contains("Unknown option: '--repair'");
    }

    private Subscriber paidSubscriber() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        accounts.recordPayment(subscriber.id(), Money.of(500, "GBP"), PaymentChannel.CARD,
                "verify-seals-" + subscriber.id(), Instant.parse("2011-01-01T09:00:00Z"));
        return subscriber;
    }
}
