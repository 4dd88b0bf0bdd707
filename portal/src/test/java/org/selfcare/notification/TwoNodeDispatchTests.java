package org.selfcare.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.selfcare.sandbox.smsc.ReceivedSms;
import org.selfcare.sandbox.smsc.Smsc;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two portal nodes on one outbox: the context's dispatcher, which sends to the sandbox SMSC, and a second one
 * started here, which records what it sends. Every notification must be sent by exactly one of them.
 */
@PortalTest
class TwoNodeDispatchTests {

    @Autowired
    Notifications notifications;

    @Autowired
    Outbox outbox;

    @Autowired
    Smsc smsc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Test
    void eachNotificationIsSentByOneNode() throws Exception {
        String number = "+447700900201";
        List<String> sentBySecondNode = Collections.synchronizedList(new ArrayList<>());
        OutboxDispatcher secondNode = new OutboxDispatcher(outbox,
                List.of(recordingSender(Channel.SMS, sentBySecondNode), recordingSender(Channel.EMAIL, sentBySecondNode)),
                properties(), clock);
        Instant since = Instant.now();

        secondNode.start();
        try {
            transactions.executeWithoutResult((transaction) -> {
                for (int i = 1; i <= 150; i++) {
                    notifications.sms(number, Locale.UK, Message.of("test.text", "Node test " + i));
                }
            });
            awaitSettled(number, since);
        }
        finally {
            secondNode.stop();
        }

        List<String> sentByFirstNode = smsc.messagesTo(number).stream().map(ReceivedSms::text).toList();
        List<String> all = new ArrayList<>(sentByFirstNode);
        all.addAll(sentBySecondNode);
        assertThat(all).hasSize(150).doesNotHaveDuplicates();
        assertThat(sentByFirstNode).as("sent by the context's node").isNotEmpty();
        assertThat(sentBySecondNode).as("sent by the second node").isNotEmpty();
    }

    private static NotificationSender recordingSender(Channel channel, List<String> sent) {
        return new NotificationSender() {

            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public Delivery deliver(OutboxEntry entry) {
                sent.add(entry.body());
                return new Delivery.Sent(List.of("second-node-" + entry.id()));
            }
        };
    }

    private static NotificationProperties properties() {
        return new NotificationProperties(Duration.ofMillis(10), 8, Duration.ofMillis(50), Duration.ofSeconds(1), 1000,
                Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofDays(90));
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
            Thread.sleep(50);
        }
        throw new AssertionError("Notifications to " + number + " were still waiting after 60 seconds");
    }
}
