package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.selfcare.account.Money;
import org.selfcare.purchase.OrderActivity;
import org.selfcare.stepup.Purpose;
import org.selfcare.stepup.StepUpCodeRequested;
import org.selfcare.subscription.SubscriptionActivity;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Publishes the real events that monitoring listens to, each in a transaction of its own as the features do, and
 * waits until the asynchronous listener has stored it, so a test sees every detection before its next step.
 */
final class ActivityFeed {

    static final Money TOTAL = Money.of(1000, "GBP");

    private final ApplicationEventPublisher publisher;

    private final TransactionTemplate transactions;

    private final JdbcClient jdbc;

    ActivityFeed(ApplicationEventPublisher publisher, TransactionTemplate transactions, JdbcClient jdbc) {
        this.publisher = publisher;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** Places an order at {@code at} and returns its number. */
    String placed(long subscriberId, Instant at) {
        String number = newOrderNumber();
        order(subscriberId, number, OrderActivity.Kind.PLACED, null, at);
        return number;
    }

    void order(long subscriberId, String number, OrderActivity.Kind kind, String method, Instant at) {
        publish(subscriberId, new OrderActivity(subscriberId, number, kind, TOTAL, method, at));
    }

    /** Places an order, starts its payment at the provider and cancels it, all at {@code at}. */
    void payCancelCycle(long subscriberId, Instant at) {
        String number = placed(subscriberId, at);
        order(subscriberId, number, OrderActivity.Kind.PAYMENT_REQUESTED, "provider", at);
        order(subscriberId, number, OrderActivity.Kind.CANCELLED, "provider", at);
    }

    /** Places an order and pays it from store credit at {@code at}. */
    void paidOrder(long subscriberId, Instant at) {
        String number = placed(subscriberId, at);
        order(subscriberId, number, OrderActivity.Kind.PAYMENT_REQUESTED, "credit", at);
        order(subscriberId, number, OrderActivity.Kind.PAID, "credit", at);
    }

    void subscription(long subscriberId, String service, SubscriptionActivity.Kind kind, Instant at) {
        publish(subscriberId, new SubscriptionActivity(subscriberId, service, kind, Money.of(200, "GBP"), at,
                at.plus(Duration.ofDays(1)), at));
    }

    void codeRequested(long subscriberId, Instant at) {
        publish(subscriberId, new StepUpCodeRequested(subscriberId, Purpose.PAYMENT, true, at));
    }

    long storedEvents(long subscriberId) {
        return jdbc.sql("SELECT count(*) FROM monitoring_event WHERE subscriber_id = ?").param(subscriberId)
                .query(Long.class).single();
    }

    private void publish(long subscriberId, Object event) {
        long before = storedEvents(subscriberId);
        transactions.executeWithoutResult((status) -> publisher.publishEvent(event));
        if (!(event instanceof SubscriptionActivity activity) || activity.kind() == SubscriptionActivity.Kind.SUBSCRIBED
                || activity.kind() == SubscriptionActivity.Kind.UNSUBSCRIBED) {
            await().atMost(Duration.ofSeconds(20)).until(() -> storedEvents(subscriberId) > before);
        }
    }

    static String newOrderNumber() {
        return "SC-T" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 34, 1L << 35), 32).toUpperCase();
    }

    static String newService() {
        return "t-service-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }
}
