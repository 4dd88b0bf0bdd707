package org.selfcare.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.selfcare.sandbox.smsc.ReceivedSms;
import org.selfcare.sandbox.smsc.Smsc;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestInbox;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS delivery from the outbox to the sandbox SMSC over SMPP. Each test uses numbers of its own, because the
 * SMSC is shared by every test in the JVM.
 */
@PortalTest
class SmsDeliveryTests {

    @Autowired
    Notifications notifications;

    @Autowired
    Smsc smsc;

    @Autowired
    TestInbox inbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    List<NotificationSender> senders;

    @AfterEach
    void restoreSmsc() throws Exception {
        smsc.clearRejections();
        smsc.start();
    }

    @Test
    void codeArrivesInOneGsmPart() {
        Instant since = Instant.now();
        long id = notifications.sms("+447700900101", Locale.UK, Message.of("test.text", "Your code is 482913"));

        assertThat(inbox.awaitSms("+447700900101", since)).isEqualTo("Your code is 482913");
        ReceivedSms received = last("+447700900101");
        assertThat(received.dataCoding()).isZero();
        assertThat(received.parts()).isEqualTo(1);
        assertThat(received.userDataHeader()).isFalse();
        assertThat(received.source()).isEqualTo("Selfcare");
        assertThat(received.destination()).isEqualTo("447700900101");
        assertThat(status(id)).isEqualTo("SENT");
        assertThat(partIds(id)).isEqualTo(received.messageIds());
        assertThat(jdbc.sql("SELECT sent_at FROM notification WHERE id = ?").param(id).query(Instant.class).single())
                .isNotNull();
    }

    @Test
    void longUcs2TextArrivesReassembled() {
        // 150 Cyrillic and CJK characters need UCS-2 and three parts of at most 67 characters.
        String text = ("Ваш баланс пополнен на 10 фунтов. 您的余额已更新。").repeat(4).substring(0, 150);
        Instant since = Instant.now();
        long id = notifications.sms("+447700900102", Locale.UK, Message.of("test.text", text));

        assertThat(inbox.awaitSms("+447700900102", since)).isEqualTo(text);
        ReceivedSms received = last("+447700900102");
        assertThat(received.dataCoding()).isEqualTo(0x08);
        assertThat(received.parts()).isEqualTo(3);
        assertThat(received.userDataHeader()).isTrue();
        assertThat(received.esmClass() & 0x40).isEqualTo(0x40);
        assertThat(partIds(id)).hasSize(3).isEqualTo(received.messageIds());
    }

    @Test
    void longExtendedGsmTextArrivesReassembled() {
        // 81 euro signs are 162 septets, so they need two parts although they are only 81 characters.
        String text = "€".repeat(81);
        Instant since = Instant.now();
        notifications.sms("+447700900103", Locale.UK, Message.of("test.text", text));

        assertThat(inbox.awaitSms("+447700900103", since)).isEqualTo(text);
        ReceivedSms received = last("+447700900103");
        assertThat(received.dataCoding()).isZero();
        assertThat(received.parts()).isEqualTo(2);
        assertThat(received.userDataHeader()).isTrue();
    }

    @Test
    void mixedGsmTextWithBracesArrivesReassembled() {
        String text = "Top-up {ref [A-7]} of 10 € confirmed | balance ~ 12 € \\ thanks ^ ".repeat(5);
        Instant since = Instant.now();
        notifications.sms("+447700900104", Locale.UK, Message.of("test.text", text));

        assertThat(inbox.awaitSms("+447700900104", since)).isEqualTo(text);
        ReceivedSms received = last("+447700900104");
        assertThat(received.dataCoding()).isZero();
        assertThat(received.parts()).isEqualTo(3);
    }

    @Test
    void deliveryReceiptIsRecorded() throws Exception {
        Instant since = Instant.now();
        long id = notifications.sms("+447700900105", Locale.UK, Message.of("test.text", "Receipt wanted"));
        inbox.awaitSms("+447700900105", since);
        String messageId = partIds(id).get(0);

        String state = awaitReceipt(messageId);

        assertThat(state).isEqualTo("DELIVRD");
    }

    @Test
    void permanentErrorMarksFailed() throws Exception {
        smsc.rejectSubmits("+447700900106", SMPPConstant.STAT_ESME_RINVDSTADR, Integer.MAX_VALUE);

        long id = notifications.sms("+447700900106", Locale.UK, Message.confidential("test.text", "Code 111222"));

        awaitStatus(id, "FAILED");
        assertThat(jdbc.sql("SELECT last_error FROM notification WHERE id = ?").param(id).query(String.class).single())
                .contains("0xb", "invalid destination address")
                .doesNotContain("111222");
        assertThat(attempts(id)).isEqualTo(1);
        assertThat(body(id)).as("confidential body after failure").isNull();
        assertThat(smsc.messagesTo("+447700900106")).isEmpty();
    }

    @Test
    void throttledSubmitIsRetried() {
        smsc.rejectSubmits("+447700900107", SMPPConstant.STAT_ESME_RTHROTTLED, 2);
        Instant since = Instant.now();

        long id = notifications.sms("+447700900107", Locale.UK, Message.of("test.text", "After throttling"));

        assertThat(inbox.awaitSms("+447700900107", since)).isEqualTo("After throttling");
        assertThat(attempts(id)).isEqualTo(3);
        assertThat(smsc.messagesTo("+447700900107")).hasSize(1);
    }

    @Test
    void confidentialBodyIsErasedAfterDelivery() {
        Instant since = Instant.now();
        long id = notifications.sms("+447700900108", Locale.UK, Message.confidential("test.text", "Code 735019"));

        assertThat(inbox.awaitSms("+447700900108", since)).isEqualTo("Code 735019");
        assertThat(status(id)).isEqualTo("SENT");
        assertThat(body(id)).isNull();
    }

    @Test
    void plainBodyIsKeptAfterDelivery() {
        Instant since = Instant.now();
        long id = notifications.sms("+447700900109", Locale.UK, Message.of("test.text", "Your bill is ready"));

        inbox.awaitSms("+447700900109", since);

        assertThat(body(id)).isEqualTo("Your bill is ready");
    }

    @Test
    void rolledBackNotificationIsNeverSent() {
        Instant since = Instant.now();
        transactions.executeWithoutResult((transaction) -> {
            notifications.sms("+447700900110", Locale.UK, Message.of("test.text", "Rolled back"));
            transaction.setRollbackOnly();
        });

        // The dispatcher takes rows in queueing order, so once the later one arrived the earlier one would have.
        notifications.sms("+447700900110", Locale.UK, Message.of("test.text", "Committed"));

        assertThat(inbox.awaitSms("+447700900110", since)).isEqualTo("Committed");
        assertThat(smsc.messagesTo("+447700900110")).extracting(ReceivedSms::text).containsExactly("Committed");
        assertThat(inbox.countSms("+447700900110", since)).isEqualTo(1);
    }

    @Test
    void codeLeavesWithinOneSecond() {
        Instant queuedAt = Instant.now();
        notifications.sms("+447700900111", Locale.UK, Message.of("test.text", "Fast code 123"));

        inbox.awaitSms("+447700900111", queuedAt);

        Instant receivedAt = last("+447700900111").receivedAt();
        assertThat(Duration.between(queuedAt, receivedAt)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void smscRestartDeliversEachOnce() throws Exception {
        String number = "+447700900112";
        Instant since = Instant.now();
        transactions.executeWithoutResult((transaction) -> {
            for (int i = 1; i <= 200; i++) {
                notifications.sms(number, Locale.UK, Message.of("test.text", "Message " + i));
            }
        });

        awaitReceivedCount(number, 1);
        smsc.stop();
        int receivedBeforeStop = smsc.messagesTo(number).size();
        Thread.sleep(500);
        smsc.start();
        awaitSettled(number, since);

        List<String> texts = smsc.messagesTo(number).stream().map(ReceivedSms::text).toList();
        assertThat(receivedBeforeStop).as("received before the SMSC stopped").isLessThan(200);
        assertThat(texts).hasSize(200).doesNotHaveDuplicates();
        for (int i = 1; i <= 200; i++) {
            assertThat(texts).contains("Message " + i);
        }
        assertThat(jdbc.sql("""
                SELECT count(*) FROM notification WHERE recipient = ? AND created_at >= ? AND status = 'SENT'""")
                .params(number, Timestamp.from(since)).query(Integer.class).single()).isEqualTo(200);
    }

    @Test
    void linkDownSpendsNoAttempts() throws Exception {
        NotificationSender sms = senders.stream().filter((sender) -> sender.channel() == Channel.SMS).findFirst()
                .orElseThrow();
        smsc.stop();
        awaitReady(sms, false);
        Instant since = Instant.now();

        long id = notifications.sms("+447700900113", Locale.UK, Message.of("test.text", "Queued during outage"));
        Thread.sleep(500);

        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(attempts(id)).isZero();
        smsc.start();
        assertThat(inbox.awaitSms("+447700900113", since)).isEqualTo("Queued during outage");
        assertThat(attempts(id)).isEqualTo(1);
    }

    @Test
    void unclaimedRowFailsAfterMaxAge() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofHours(25));
        long id = jdbc.sql("""
                INSERT INTO notification (channel, recipient, subject, body, confidential, status, attempts,
                                          next_attempt_at, created_at)
                VALUES ('SMS', '+447700900114', NULL, 'Code 909090', true, 'PENDING', 0, ?, ?) RETURNING id""")
                .params(Timestamp.from(Instant.now().plus(Duration.ofHours(1))), Timestamp.from(longAgo))
                .query(Long.class).single();

        // The dispatcher sweeps expired rows before it claims, at most once a second and at least once per poll
        // interval; queueing another notification wakes it.
        notifications.sms("+447700900114", Locale.UK, Message.of("test.text", "Wake up"));

        awaitStatus(id, "FAILED");
        assertThat(jdbc.sql("SELECT last_error FROM notification WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("not sent within the maximum age");
        assertThat(body(id)).isNull();
        assertThat(smsc.messagesTo("+447700900114")).extracting(ReceivedSms::text).doesNotContain("Code 909090");
    }

    private static void awaitReady(NotificationSender sender, boolean expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (sender.isReady() != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(sender.isReady()).as("SMS channel ready").isEqualTo(expected);
    }

    private ReceivedSms last(String number) {
        List<ReceivedSms> received = smsc.messagesTo(number);
        assertThat(received).as("SMS received for " + number).isNotEmpty();
        return received.get(received.size() - 1);
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM notification WHERE id = ?").param(id).query(String.class).single();
    }

    private String body(long id) {
        return jdbc.sql("SELECT body FROM notification WHERE id = ?").param(id).query(String.class).optional()
                .orElse(null);
    }

    private int attempts(long id) {
        return jdbc.sql("SELECT attempts FROM notification WHERE id = ?").param(id).query(Integer.class).single();
    }

    private List<String> partIds(long id) {
        return jdbc.sql("SELECT smsc_message_id FROM notification_part WHERE notification_id = ? ORDER BY part_number")
                .param(id).query(String.class).list();
    }

    private void awaitStatus(long id, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!status(id).equals(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(status(id)).as("status of notification " + id).isEqualTo(expected);
    }

    private String awaitReceipt(String messageId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            List<String> state = jdbc.sql("SELECT state FROM notification_receipt WHERE smsc_message_id = ?")
                    .param(messageId).query(String.class).list();
            if (!state.isEmpty()) {
                return state.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No delivery receipt stored for SMSC message " + messageId);
    }

    private void awaitReceivedCount(String number, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (smsc.messagesTo(number).size() < count && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
    }

    private void awaitSettled(String number, Instant since) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            int open = jdbc.sql("""
                    SELECT count(*) FROM notification
                    WHERE recipient = ? AND created_at >= ? AND status IN ('PENDING', 'SENDING')""")
                    .params(number, Timestamp.from(since)).query(Integer.class).single();
            if (open == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Notifications to " + number + " were still waiting after 60 seconds");
    }
}
