package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.assertj.core.data.TemporalUnitOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.purchase.OrderActivity;
import org.selfcare.stepup.RiskSignals;
import org.selfcare.stepup.RiskState;
import org.selfcare.subscription.SubscriptionActivity;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestClock;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Each detector against the real events, published as the features publish them and handled by the real
 * asynchronous listeners. Event times are set relative to the test clock, so every window edge is exact.
 */
@PortalTest
@Import(DetectorTests.Config.class)
@TestPropertySource(properties = "selfcare.monitoring.alert-email=" + DetectorTests.OPERATIONS)
class DetectorTests {

    static final String OPERATIONS = "operations@example.org";

    /** The database keeps times to the microsecond. */
    private static final TemporalUnitOffset MICROSECOND = within(1, ChronoUnit.MICROS);

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    Alerts alerts;

    @Autowired
    RiskSignals risk;

    @Autowired
    TestClock clock;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MonitoringHousekeeping housekeeping;

    ActivityFeed feed;

    long subscriber;

    Instant now;

    @BeforeEach
    void freshSubscriber() {
        feed = new ActivityFeed(publisher, transactions, jdbc);
        subscriber = TestSubscribers.create(directory, accounts).id();
        now = clock.instant();
    }

    @Test
    void orderSurgeAtFiveOrdersInAnHour() {
        for (int i = 4; i >= 1; i--) {
            feed.placed(subscriber, now.minus(Duration.ofMinutes(10L * i)));
        }
        assertThat(alertsOf("order-surge")).as("one below the threshold").isEmpty();

        feed.placed(subscriber, now);

        Alert alert = onlyAlert("order-surge");
        assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(alert.subscriberId()).isEqualTo(subscriber);
        assertThat(alert.summary()).isEqualTo("5 orders in 1 hour, usually 0.0");
        assertThat(risk.stateOf(subscriber).level()).isEqualTo(RiskState.Level.AT_RISK);
        assertThat(risk.stateOf(subscriber).until()).isCloseTo(clock.instant().plus(Duration.ofHours(24)), MICROSECOND);
    }

    @Test
    void orderSurgeIgnoresOrderOneWindowOld() {
        feed.placed(subscriber, now.minus(Duration.ofHours(1)));
        for (int i = 0; i < 4; i++) {
            feed.placed(subscriber, now);
        }

        assertThat(alertsOf("order-surge")).isEmpty();

        feed.placed(subscriber, now.minus(Duration.ofMinutes(59)));
        assertThat(onlyAlert("order-surge").summary()).startsWith("5 orders in 1 hour");
    }

    @Test
    void orderSurgeQuietForUsuallyBusySubscriber() {
        // 2 orders an hour for the past week: 5 in the last hour is not a surge for this subscriber.
        Instant start = now.minus(Duration.ofHours(1)).minus(Duration.ofDays(7));
        jdbc.sql("""
                INSERT INTO monitoring_event (kind, subscriber_id, order_number, occurred_at)
                SELECT kind, ?, 'SC-H' || ? || '-' || n, ?::timestamptz + n * interval '30 minutes'
                FROM generate_series(1, 7 * 48 - 1) AS n, unnest(ARRAY['ORDER_PLACED', 'ORDER_PAID']) AS kind""")
                .params(subscriber, subscriber, java.sql.Timestamp.from(start))
                .update();

        for (int i = 4; i >= 0; i--) {
            feed.paidOrder(subscriber, now.minus(Duration.ofMinutes(10L * i)));
        }

        assertThat(alerts.forSubscriber(subscriber, 10)).isEmpty();
        assertThat(risk.stateOf(subscriber)).isEqualTo(RiskState.NORMAL);
    }

    @Test
    void severeSurgeEscalatesAndBlocks() {
        // Paid orders, so that only order-surge finds a pattern.
        for (int i = 0; i < 5; i++) {
            feed.paidOrder(subscriber, now.minusSeconds(60 - i));
        }
        long warningId = onlyAlert("order-surge").id();
        for (int i = 0; i < 4; i++) {
            feed.paidOrder(subscriber, now.minusSeconds(30 - i));
        }
        assertThat(onlyAlert("order-surge").severity()).as("9 orders repeat the open warning")
                .isEqualTo(Alert.Severity.WARNING);
        assertThat(raisedEvents(subscriber)).isEqualTo(1);

        feed.paidOrder(subscriber, now);

        Alert escalated = onlyAlert("order-surge");
        assertThat(escalated.id()).isEqualTo(warningId);
        assertThat(escalated.severity()).isEqualTo(Alert.Severity.SEVERE);
        assertThat(escalated.summary()).startsWith("10 orders in 1 hour");
        assertThat(raisedEvents(subscriber)).isEqualTo(2);
        RiskState blocked = risk.stateOf(subscriber);
        assertThat(blocked.level()).isEqualTo(RiskState.Level.BLOCKED);
        assertThat(blocked.until()).isCloseTo(clock.instant().plus(Duration.ofMinutes(30)), MICROSECOND);

        feed.paidOrder(subscriber, now.plusSeconds(1));
        assertThat(raisedEvents(subscriber)).as("a severe alert is not raised again").isEqualTo(2);

        clock.advance(Duration.between(clock.instant(), blocked.until()));
        assertThat(risk.stateOf(subscriber).level()).as("after the block").isEqualTo(RiskState.Level.AT_RISK);
        clock.advance(Duration.ofHours(24));
        assertThat(risk.stateOf(subscriber)).as("after the period at risk").isEqualTo(RiskState.NORMAL);
    }

    @Test
    void payCancelCyclesAtThreeCancelledPayments() {
        // A cancellation without a payment request is no cycle.
        feed.payCancelCycle(subscriber, now.minus(Duration.ofMinutes(60)));
        String plain = feed.placed(subscriber, now);
        feed.order(subscriber, plain, OrderActivity.Kind.CANCELLED, null, now);
        feed.payCancelCycle(subscriber, now);
        feed.payCancelCycle(subscriber, now);

        assertThat(alertsOf("pay-cancel-cycles")).as("two cycles in the window").isEmpty();

        feed.payCancelCycle(subscriber, now);

        Alert alert = onlyAlert("pay-cancel-cycles");
        assertThat(alert.summary()).isEqualTo("3 orders cancelled after a payment request in 1 hour");
        assertThat(risk.stateOf(subscriber).level()).isEqualTo(RiskState.Level.AT_RISK);
    }

    @Test
    void unpaidOrdersAtFiveInADay() {
        feed.placed(subscriber, now.minus(Duration.ofHours(24)));
        feed.paidOrder(subscriber, now);
        for (int i = 0; i < 4; i++) {
            feed.placed(subscriber, now);
        }
        assertThat(alertsOf("unpaid-orders")).as("four unpaid in the window").isEmpty();

        feed.placed(subscriber, now);

        Alert alert = onlyAlert("unpaid-orders");
        assertThat(alert.summary()).isEqualTo("5 unpaid orders placed in 1 day");
    }

    @Test
    void subscriptionSurgeAtThreeInADay() {
        feed.subscription(subscriber, ActivityFeed.newService(), SubscriptionActivity.Kind.SUBSCRIBED,
                now.minus(Duration.ofHours(24)));
        feed.subscription(subscriber, ActivityFeed.newService(), SubscriptionActivity.Kind.SUBSCRIBED, now);
        feed.subscription(subscriber, ActivityFeed.newService(), SubscriptionActivity.Kind.SUBSCRIBED, now);
        assertThat(alertsOf("subscription-surge")).isEmpty();

        feed.subscription(subscriber, ActivityFeed.newService(), SubscriptionActivity.Kind.SUBSCRIBED, now);

        assertThat(onlyAlert("subscription-surge").summary()).isEqualTo("3 new subscriptions in 1 day");
    }

    @Test
    void subscriptionChurnAtTwoCycles() {
        String service = ActivityFeed.newService();
        feed.subscription(subscriber, service, SubscriptionActivity.Kind.SUBSCRIBED, now.minus(Duration.ofHours(3)));
        feed.subscription(subscriber, service, SubscriptionActivity.Kind.UNSUBSCRIBED, now.minus(Duration.ofHours(2)));
        // Renewals are the service running its course and count for nothing.
        feed.subscription(subscriber, service, SubscriptionActivity.Kind.RENEWED, now.minus(Duration.ofHours(2)));
        feed.subscription(subscriber, service, SubscriptionActivity.Kind.SUBSCRIBED, now.minus(Duration.ofHours(1)));
        assertThat(alertsOf("subscription-churn")).as("one cycle").isEmpty();

        feed.subscription(subscriber, service, SubscriptionActivity.Kind.UNSUBSCRIBED, now);

        Alert alert = onlyAlert("subscription-churn");
        assertThat(alert.serviceCode()).isEqualTo(service);
        assertThat(alert.summary()).isEqualTo("2 cycles of subscribing and unsubscribing in 1 day");
    }

    @Test
    void subscriptionChurnCountsOnlyCyclesInWindow() {
        String service = ActivityFeed.newService();
        feed.subscription(subscriber, service, SubscriptionActivity.Kind.SUBSCRIBED, now.minus(Duration.ofHours(24)));
        feed.subscription(subscriber, service, SubscriptionActivity.Kind.UNSUBSCRIBED, now.minus(Duration.ofHours(2)));
        feed.subscription(subscriber, service, SubscriptionActivity.Kind.SUBSCRIBED, now.minus(Duration.ofHours(1)));
        feed.subscription(subscriber, service, SubscriptionActivity.Kind.UNSUBSCRIBED, now);

        assertThat(alertsOf("subscription-churn")).as("the first subscription is one window old").isEmpty();
    }

    @Test
    void serviceVolumeFlagsServiceNotSubscribers() {
        String service = ActivityFeed.newService();
        long first = ThreadLocalRandom.current().nextLong(1L << 50, 1L << 51);
        for (int i = 0; i < 9; i++) {
            feed.subscription(first + i, service, SubscriptionActivity.Kind.SUBSCRIBED, now.minusSeconds(600 - i));
        }
        assertThat(serviceAlerts(service)).as("nine in the hour").isEmpty();

        feed.subscription(first + 9, service, SubscriptionActivity.Kind.SUBSCRIBED, now);

        List<Alert> raised = serviceAlerts(service);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).detector()).isEqualTo("service-volume");
        assertThat(raised.get(0).subscriberId()).isNull();
        assertThat(raised.get(0).summary()).isEqualTo("10 new subscriptions to " + service + " in 1 hour, baseline 0.0");
        for (int i = 0; i < 10; i++) {
            assertThat(risk.stateOf(first + i)).isEqualTo(RiskState.NORMAL);
        }
    }

    @Test
    void serviceVolumeQuietOnBaseline() {
        // Three subscriptions an hour for a week until two hours ago: twelve in the last hour is four times that.
        String service = ActivityFeed.newService();
        long first = ThreadLocalRandom.current().nextLong(1L << 50, 1L << 51);
        Instant start = now.minus(Duration.ofHours(1)).minus(Duration.ofDays(7));
        jdbc.sql("""
                INSERT INTO monitoring_event (kind, subscriber_id, service_code, occurred_at)
                SELECT 'SUBSCRIBED', ? + n, ?, ?::timestamptz + n * interval '20 minutes'
                FROM generate_series(1, 7 * 72 - 6) AS n""")
                .params(first + 100, service, java.sql.Timestamp.from(start))
                .update();
        for (int i = 0; i < 11; i++) {
            feed.subscription(first + i, service, SubscriptionActivity.Kind.SUBSCRIBED, now.minusSeconds(600 - i));
        }
        assertThat(serviceAlerts(service)).as("eleven is under four times the baseline of three").isEmpty();

        feed.subscription(first + 11, service, SubscriptionActivity.Kind.SUBSCRIBED, now);

        assertThat(serviceAlerts(service)).hasSize(1);
    }

    @Test
    void codeRequestsAtSixInAnHour() {
        feed.codeRequested(subscriber, now.minus(Duration.ofHours(1)));
        for (int i = 4; i >= 0; i--) {
            feed.codeRequested(subscriber, now.minus(Duration.ofMinutes(10L * i)));
        }
        assertThat(alertsOf("code-requests")).as("five in the window").isEmpty();

        feed.codeRequested(subscriber, now);

        assertThat(onlyAlert("code-requests").summary()).isEqualTo("6 code requests in 1 hour");
    }

    @Test
    void concurrentEventsReachThreshold() {
        // Published in one transaction, the five events are handled in parallel and in any order.
        transactions.executeWithoutResult((status) -> {
            for (int i = 0; i < 5; i++) {
                publisher.publishEvent(new OrderActivity(subscriber, ActivityFeed.newOrderNumber(),
                        OrderActivity.Kind.PLACED, ActivityFeed.TOTAL, null, now.minusSeconds(5 - i)));
            }
        });

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> feed.storedEvents(subscriber) == 5);
        assertThat(onlyAlert("order-surge").summary()).startsWith("5 orders in 1 hour");
    }

    @Test
    void resolvedAlertCountsOnlyLaterEvents() {
        for (int i = 0; i < 5; i++) {
            feed.paidOrder(subscriber, now.minusSeconds(60 - i));
        }
        Alert first = onlyAlert("order-surge");
        clock.advance(Duration.ofSeconds(1));
        assertThat(alerts.resolve(first.id(), "ops-sam", "Bought gifts for the family", true)).isPresent();
        assertThat(risk.stateOf(subscriber)).isEqualTo(RiskState.NORMAL);
        Instant later = clock.instant();

        for (int i = 1; i <= 4; i++) {
            feed.paidOrder(subscriber, later.plusSeconds(i));
        }
        assertThat(alertsOf("order-surge")).as("the judged orders do not count again").hasSize(1);

        feed.paidOrder(subscriber, later.plusSeconds(5));
        assertThat(alertsOf("order-surge")).as("five orders after the resolution").hasSize(2);
        assertThat(risk.stateOf(subscriber).level()).isEqualTo(RiskState.Level.AT_RISK);
    }

    @Test
    void alertIsMailedToOperations() {
        for (int i = 0; i < 6; i++) {
            feed.codeRequested(subscriber, now.minusSeconds(10 - i));
        }
        Alert alert = onlyAlert("code-requests");

        // Delivery is the outbox's job; what counts here is what monitoring queued.
        String mail = jdbc.sql("SELECT subject || ' ' || body FROM notification WHERE recipient = ? AND body LIKE ?")
                .params(OPERATIONS, "%alert " + alert.id() + ".").query(String.class).single();

        assertThat(mail).contains("Selfcare alert " + alert.id() + ": code-requests (warning)",
                "6 code requests in 1 hour", directory.findById(subscriber).orElseThrow().msisdnE164());
    }

    @Test
    void housekeepingDeletesOldEventsAndEndsRisk() {
        for (int i = 0; i < 6; i++) {
            feed.codeRequested(subscriber, now.minusSeconds(10 - i));
        }
        assertThat(risk.stateOf(subscriber).level()).isEqualTo(RiskState.Level.AT_RISK);
        Instant edge = clock.instant().plus(Duration.ofHours(25)).minus(housekeeping.retention())
                .truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO monitoring_event (kind, subscriber_id, occurred_at)
                VALUES ('CODE_REQUESTED', ?, ?), ('CODE_REQUESTED', ?, ?)""")
                .params(subscriber, java.sql.Timestamp.from(edge.minusSeconds(1)), subscriber,
                        java.sql.Timestamp.from(edge.plusSeconds(1)))
                .update();

        clock.advance(Duration.ofHours(25));
        housekeeping.run();

        assertThat(jdbc.sql("SELECT occurred_at FROM monitoring_event WHERE subscriber_id = ? AND occurred_at < ?")
                .params(subscriber, java.sql.Timestamp.from(edge.plusSeconds(2))).query(java.sql.Timestamp.class)
                .list()).extracting(java.sql.Timestamp::toInstant).containsExactly(edge.plusSeconds(1));
        assertThat(risk.stateOf(subscriber)).isEqualTo(RiskState.NORMAL);
        assertThat(jdbc.sql("SELECT count(*) FROM risk_flag WHERE subscriber_id = ?").param(subscriber)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT reason FROM security_event WHERE type = 'RISK_CLEARED' AND subscriber_id = ?")
                .param(subscriber).query(String.class).list()).containsExactly("The period at risk ran out");
    }

    @Test
    void raisedPerCountsEachInterval() {
        for (int i = 0; i < 6; i++) {
            feed.codeRequested(subscriber, now.minusSeconds(10 - i));
        }
        Instant raisedAt = onlyAlert("code-requests").raisedAt();
        Instant from = raisedAt.minus(Duration.ofMinutes(90));

        List<Alerts.Count> counts = alerts.raisedPer(Duration.ofHours(1), from, raisedAt.plus(Duration.ofMinutes(90)));

        assertThat(counts).extracting(Alerts.Count::start).containsExactly(from, from.plus(Duration.ofHours(1)),
                from.plus(Duration.ofHours(2)));
        assertThat(counts.get(1).count()).as("the interval of the alert").isPositive();
        long inRange = jdbc.sql("SELECT count(*) FROM monitoring_alert WHERE raised_at >= ? AND raised_at < ?")
                .params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(from.plus(Duration.ofHours(3))))
                .query(Long.class).single();
        assertThat(counts.stream().mapToLong(Alerts.Count::count).sum()).isEqualTo(inRange);
    }

    @Test
    void invalidQueriesAreRejected() {
        Instant from = now.minus(Duration.ofDays(1));
        assertThatIllegalArgumentException().isThrownBy(() -> alerts.list(true, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> alerts.forSubscriber(subscriber, 501));
        assertThatIllegalArgumentException().isThrownBy(() -> alerts.raisedPer(Duration.ofSeconds(59), from, now));
        assertThatIllegalArgumentException().isThrownBy(() -> alerts.raisedPer(Duration.ofHours(1), now, from));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> alerts.raisedPer(Duration.ofMinutes(1), now.minus(Duration.ofDays(30)), now))
                .withMessageContaining("at most 10000");
        assertThatIllegalArgumentException().isThrownBy(() -> alerts.resolve(1, "ops-sam", " ", true));
    }

    private Alert onlyAlert(String detector) {
        List<Alert> raised = alertsOf(detector);
        assertThat(raised).hasSize(1);
        return raised.get(0);
    }

    private List<Alert> alertsOf(String detector) {
        return alerts.forSubscriber(subscriber, 50).stream().filter((alert) -> alert.detector().equals(detector))
                .toList();
    }

    private List<Alert> serviceAlerts(String service) {
        return jdbc.sql("SELECT id FROM monitoring_alert WHERE service_code = ?").param(service)
                .query(Long.class).list().stream().map((id) -> alerts.find(id).orElseThrow()).toList();
    }

    private long raisedEvents(long subscriberId) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = 'ALERT_RAISED' AND subscriber_id = ?")
                .param(subscriberId).query(Long.class).single();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
