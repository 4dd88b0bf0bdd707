package org.selfcare.monitoring;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.selfcare.account.Money;
import org.selfcare.purchase.OrderActivity;
import org.selfcare.stepup.Purpose;
import org.selfcare.stepup.RiskSignals;
import org.selfcare.stepup.RiskState;
import org.selfcare.stepup.StepUpCodeRequested;
import org.selfcare.support.DemoPortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The detectors stay quiet on normal subscribers: the demo subscribers' real history from the switch exports is
 * replayed through the real events at its real times. Each top-up becomes an order placed, paid from store credit
 * and settled. Each hour in which a subscriber made or received calls becomes a request for a one-time code, as if
 * they looked at their call records whenever they used the phone.
 */
@DemoPortalTest
class DemoHistoryTests {

    /** Every replayed event is older than this; the live demo's own events are newer. */
    private static final Instant HISTORY_END = Instant.parse("2018-01-01T00:00:00Z");

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Alerts alerts;

    @Autowired
    RiskSignals risk;

    @Test
    void demoHistoryRaisesNoAlert() {
        List<Long> subscribers = jdbc.sql("SELECT DISTINCT subscriber_id FROM payment WHERE reference LIKE 'DEMO-%' "
                + "ORDER BY subscriber_id").query(Long.class).list();
        assertThat(subscribers).as("demo subscribers with a payment history").hasSizeGreaterThan(100);
        // A data folder kept from an earlier run still contains that run's replay.
        jdbc.sql("DELETE FROM monitoring_event WHERE occurred_at < ?").param(Timestamp.from(HISTORY_END)).update();
        assertThat(openAlerts(subscribers)).as("open alerts before the replay would hide detections").isEmpty();
        Instant start = Instant.now();

        long published = 0;
        for (long subscriber : subscribers) {
            published += replay(subscriber);
        }

        long expected = published;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> replayedEvents() == expected);
        assertThat(published).as("events replayed").isGreaterThan(5_000);
        assertThat(jdbc.sql("SELECT detector || ' ' || coalesce(subscriber_id::text, service_code) || ': ' || summary "
                + "FROM monitoring_alert WHERE raised_at >= ?").param(Timestamp.from(start)).query(String.class)
                .list()).isEmpty();
        for (long subscriber : subscribers) {
            assertThat(risk.stateOf(subscriber)).as("subscriber %d", subscriber).isEqualTo(RiskState.NORMAL);
        }
    }

    /**
     * Publishes one subscriber's history in one transaction, as a burst that the listeners handle in parallel.
     *
     * @return how many events monitoring will store
     */
    private long replay(long subscriber) {
        List<Payment> payments = jdbc.sql("""
                SELECT paid_at, amount_minor, currency FROM payment
                WHERE subscriber_id = ? AND reference LIKE 'DEMO-%' ORDER BY paid_at""")
                .param(subscriber)
                .query((rs, row) -> new Payment(rs.getTimestamp(1).toInstant(),
                        Money.of(rs.getLong(2), rs.getString(3))))
                .list();
        List<Instant> activeHours = jdbc.sql("""
                SELECT min(started_at) FROM call_record WHERE subscriber_id = ?
                GROUP BY date_trunc('hour', started_at) ORDER BY 1""")
                .param(subscriber)
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .list();

        transactions.executeWithoutResult((status) -> {
            int index = 0;
            for (Payment payment : payments) {
                String number = "SC-D" + Long.toString(subscriber, 32).toUpperCase() + "X" + index++;
                for (OrderActivity.Kind kind : List.of(OrderActivity.Kind.PLACED, OrderActivity.Kind.PAYMENT_REQUESTED,
                        OrderActivity.Kind.PAID)) {
                    publisher.publishEvent(new OrderActivity(subscriber, number, kind, payment.amount(),
                            kind == OrderActivity.Kind.PLACED ? null : "credit", payment.paidAt()));
                }
            }
            activeHours.forEach((hour) -> publisher.publishEvent(
                    new StepUpCodeRequested(subscriber, Purpose.CALL_RECORDS, true, hour)));
        });
        return payments.size() * 3L + activeHours.size();
    }

    private long replayedEvents() {
        return jdbc.sql("SELECT count(*) FROM monitoring_event WHERE occurred_at < ?")
                .param(Timestamp.from(HISTORY_END)).query(Long.class).single();
    }

    private List<Alert> openAlerts(List<Long> subscribers) {
        return alerts.list(true, 500).stream().filter((alert) -> subscribers.contains(alert.subscriberId())).toList();
    }

    private record Payment(Instant paidAt, Money amount) {
    }
}
