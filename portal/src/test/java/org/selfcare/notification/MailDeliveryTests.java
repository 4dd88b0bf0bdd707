package org.selfcare.notification;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.mail.ReceivedMail;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestInbox;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail delivery from the outbox to the sandbox mail sink. The sink offers STARTTLS, which the portal requires.
 */
@PortalTest
class MailDeliveryTests {

    @Autowired
    Notifications notifications;

    @Autowired
    TestInbox inbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MailSink mailSink;

    @AfterEach
    void clearRejections() {
        mailSink.clearRejections();
    }

    @Test
    void mailArrivesWithSubjectAndBody() {
        Instant since = Instant.now();
        long id = notifications.email("alice.mail@example.org", Locale.UK, Message.of("test.text", "Your receipt"),
                Message.of("test.text", "Thank you for your payment of £10.00."));

        ReceivedMail mail = inbox.awaitMail("alice.mail@example.org", since);

        assertThat(mail.subject()).isEqualTo("Your receipt");
        assertThat(mail.text().strip()).isEqualTo("Thank you for your payment of £10.00.");
        assertThat(mail.recipients()).containsExactly("alice.mail@example.org");
        assertThat(mail.envelopeFrom()).isEqualTo("selfcare@localhost");
        assertThat(jdbc.sql("SELECT status FROM notification WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("SENT");
    }

    @Test
    void rejectedRecipientMarksFailed() throws Exception {
        mailSink.rejectRecipient("nobody.mail@example.org");

        long id = notifications.email("nobody.mail@example.org", Locale.UK, Message.of("test.text", "Hello"),
                Message.confidential("test.text", "Initial password: Zr4-kW8-p1"));

        Instant deadline = Instant.now().plusSeconds(20);
        while (!status(id).equals("FAILED") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT attempts FROM notification WHERE id = ?").param(id).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT last_error FROM notification WHERE id = ?").param(id).query(String.class).single())
                .contains("rejected the recipient for good")
                .doesNotContain("Zr4-kW8-p1");
        assertThat(mailSink.messagesTo("nobody.mail@example.org")).isEmpty();
    }

    @Test
    void confidentialMailBodyIsErased() {
        Instant since = Instant.now();
        long id = notifications.email("bob.mail@example.org", Locale.UK, Message.of("test.text", "Your account"),
                Message.confidential("test.text", "Initial password: Qx7-pL2-v9"));

        ReceivedMail mail = inbox.awaitMail("bob.mail@example.org", since);

        assertThat(mail.text()).contains("Initial password: Qx7-pL2-v9");
        assertThat(jdbc.sql("SELECT body FROM notification WHERE id = ?").param(id).query(String.class).optional())
                .isEmpty();
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM notification WHERE id = ?").param(id).query(String.class).single();
    }
}
