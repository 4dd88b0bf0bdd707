package org.selfcare.support;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.mail.ReceivedMail;
import org.selfcare.sandbox.smsc.ReceivedSms;
import org.selfcare.sandbox.smsc.Smsc;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SMS and e-mail the portal delivered to the sandbox SMSC and mail sink, for tests that must read a code or
 * a password. {@code since} selects notifications queued at or after that instant by the portal's clock, so it
 * works with a {@link TestClock}. The text returned is what the sandbox received, reassembled from its parts.
 */
public class TestInbox {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final JdbcClient jdbc;

    private final Smsc smsc;

    private final MailSink mailSink;

    TestInbox(JdbcClient jdbc, Smsc smsc, MailSink mailSink) {
        this.jdbc = jdbc;
        this.smsc = smsc;
        this.mailSink = mailSink;
    }

    /**
     * Waits until the newest SMS to {@code e164} queued at or after {@code since} reaches the SMSC and returns its
     * text.
     *
     * @throws AssertionError when none is queued or delivered in time, or its delivery FAILED
     */
    public String awaitSms(String e164, Instant since) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<OutboxRow> newest = newestRow("SMS", e164, since);
            if (newest.isPresent()) {
                Optional<ReceivedSms> received = receivedSms(newest.get());
                if (received.isPresent()) {
                    return received.get().text();
                }
            }
            pause();
        }
        throw new AssertionError("No SMS to " + e164 + " queued since " + since + " reached the SMSC within " + WAIT);
    }

    /**
     * Returns how many SMS to {@code e164} queued at or after {@code since} reached the SMSC. It first waits until
     * each of them is SENT or FAILED, so a notification still in the outbox is not missed.
     */
    public int countSms(String e164, Instant since) {
        awaitSettled("SMS", e164, since);
        int count = 0;
        for (OutboxRow row : rows("SMS", e164, since)) {
            if (receivedSms(row).isPresent()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Waits until the newest e-mail to {@code address} queued at or after {@code since} is SENT and returns what
     * the mail sink received last for that address.
     *
     * @throws AssertionError when none is queued or delivered in time, or its delivery FAILED
     */
    public ReceivedMail awaitMail(String address, Instant since) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<OutboxRow> newest = newestRow("EMAIL", address, since);
            if (newest.isPresent() && newest.get().status().equals("SENT")) {
                List<ReceivedMail> received = mailSink.messagesTo(address);
                if (!received.isEmpty()) {
                    return received.get(received.size() - 1);
                }
            }
            pause();
        }
        throw new AssertionError("No e-mail to " + address + " queued since " + since + " reached the mail sink within "
                + WAIT);
    }

    /** An outbox row and the SMSC message ids of its parts. */
    private record OutboxRow(long id, String status, String lastError, List<String> messageIds) {
    }

    private Optional<OutboxRow> newestRow(String channel, String recipient, Instant since) {
        List<OutboxRow> rows = rows(channel, recipient, since);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        OutboxRow newest = rows.get(rows.size() - 1);
        if (newest.status().equals("FAILED")) {
            throw new AssertionError(channel + " notification " + newest.id() + " to " + recipient + " FAILED: "
                    + newest.lastError());
        }
        return Optional.of(newest);
    }

    private List<OutboxRow> rows(String channel, String recipient, Instant since) {
        return jdbc.sql("""
                SELECT n.id, n.status, n.last_error,
                       coalesce(array_agg(p.smsc_message_id ORDER BY p.part_number)
                                FILTER (WHERE p.smsc_message_id IS NOT NULL), '{}') AS message_ids
                FROM notification n LEFT JOIN notification_part p ON p.notification_id = n.id
                WHERE n.channel = ? AND n.recipient = ? AND n.created_at >= ?
                GROUP BY n.id ORDER BY n.id""")
                .params(channel, recipient, Timestamp.from(since))
                .query((row, rowNumber) -> new OutboxRow(row.getLong("id"), row.getString("status"),
                        row.getString("last_error"), List.of((String[]) row.getArray("message_ids").getArray())))
                .list();
    }

    private Optional<ReceivedSms> receivedSms(OutboxRow row) {
        if (!row.status().equals("SENT") || row.messageIds().isEmpty()) {
            return Optional.empty();
        }
        return smsc.messages().stream()
                .filter((received) -> received.messageIds().equals(row.messageIds()))
                .findFirst();
    }

    private void awaitSettled(String channel, String recipient, Instant since) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            boolean settled = rows(channel, recipient, since).stream()
                    .allMatch((row) -> row.status().equals("SENT") || row.status().equals("FAILED"));
            if (settled) {
                return;
            }
            pause();
        }
        throw new AssertionError(channel + " notifications to " + recipient + " queued since " + since
                + " were still waiting for delivery after " + WAIT);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a notification", ex);
        }
    }
}
