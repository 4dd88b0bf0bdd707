package org.selfcare.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The messages the portal sent to a phone number, for tests that must read a code or a password from an SMS.
 */
public class TestInbox {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final JdbcClient jdbc;

    TestInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits for the newest SMS to {@code e164} queued at or after {@code since} and returns its text.
     *
     * @throws AssertionError when none arrives in time
     */
    public String awaitSms(String e164, Instant since) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> text = latestSms(e164, since);
            if (text.isPresent()) {
                return text.get();
            }
            pause();
        }
        throw new AssertionError("No SMS to " + e164 + " since " + since + " within " + WAIT);
    }

    /**
     * Returns how many SMS to {@code e164} were queued at or after {@code since}.
     */
    public int countSms(String e164, Instant since) {
        return jdbc.sql("SELECT count(*) FROM notification WHERE channel = 'SMS' AND recipient = ? AND created_at >= ?")
                .params(e164, java.sql.Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    // NOTE: reads the outbox until the SMS channel delivers to the sandbox SMSC; then it reads what the SMSC received.
    private Optional<String> latestSms(String e164, Instant since) {
        return jdbc.sql("""
                SELECT body FROM notification WHERE channel = 'SMS' AND recipient = ? AND created_at >= ?
                ORDER BY id DESC LIMIT 1""")
                .params(e164, java.sql.Timestamp.from(since))
                .query(String.class)
                .optional();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for an SMS", ex);
        }
    }
}
