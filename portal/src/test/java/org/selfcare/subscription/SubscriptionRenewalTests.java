package org.selfcare.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.subscription.SubscriptionActivity.Kind;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;
import org.selfcare.subscription.ValueAddedService.Cancellation;
import org.selfcare.support.PortalTest;
import org.selfcare.support.RecordingSecurityLog;
import org.selfcare.support.TestClock;
import org.selfcare.support.TestInbox;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fees, periods, cancellation and the renewal job, with the clock set to dates where the calendar matters: month
 * ends and the daylight-saving changes of Europe/London.
 */
@PortalTest
@Import(SubscriptionTestConfig.class)
@TestPropertySource(properties = "selfcare.subscription.renewal-interval=24h")
@RecordApplicationEvents
class SubscriptionRenewalTests {

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    SubscriptionRenewal renewal;

    @Autowired
    ServiceCatalogue catalogue;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    TestClock clock;

    @Autowired
    RecordingSecurityLog securityLog;

    @Autowired
    TestInbox inbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    private Subscriber subscriber;

    @BeforeEach
    void newSubscriber() {
        subscriber = TestSubscribers.create(directory, accounts);
    }

    @Test
    void monthFromJanuary31RenewsIntoSummerTime() {
        ValueAddedService service = service(200, BillingPeriod.MONTH, true, Cancellation.END_OF_PERIOD);
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        clock.set(Instant.parse("2025-01-31T12:00:00Z"));

        Subscription first = subscriptions.subscribe(subscriber.id(), service.code(), null).subscription();

        assertThat(first.effectiveAt()).isEqualTo("2025-01-31T12:00:00Z");
        assertThat(first.expiresAt()).isEqualTo("2025-02-28T12:00:00Z");
        assertThat(first.fee().minorUnits()).isEqualTo(200);

        clock.set(Instant.parse("2025-02-28T12:00:00Z"));
        renewal.runOnce();

        Subscription renewed = running(service);
        assertThat(renewed.periodNumber()).isEqualTo(2);
        assertThat(renewed.effectiveAt()).isEqualTo("2025-02-28T12:00:00Z");
        // 12:00 BST on 31 March.
        assertThat(renewed.expiresAt()).isEqualTo("2025-03-31T11:00:00Z");
        assertThat(balance()).isEqualTo(600);
        assertThat(feeEntries()).isEqualTo(2);
        assertThat(events.stream(SubscriptionActivity.class).filter((e) -> e.subscriberId() == subscriber.id())
                .map(SubscriptionActivity::kind)).containsExactly(Kind.SUBSCRIBED, Kind.RENEWED);
        assertThat(securityLog.events(SecurityEventType.SUBSCRIPTION_RENEWED, service.code())).hasSize(1);
    }

    @Test
    void monthFromNovember30EndsDecember30() {
        ValueAddedService service = service(500, BillingPeriod.MONTH, true, Cancellation.END_OF_PERIOD);
        Subscribing.topUp(accounts, subscriber.id(), 500);
        clock.set(Instant.parse("2025-11-30T10:00:00Z"));

        Subscription subscription = subscriptions.subscribe(subscriber.id(), service.code(), null).subscription();

        assertThat(subscription.expiresAt()).isEqualTo("2025-12-30T10:00:00Z");
        assertThat(balance()).isZero();
    }

    @Test
    void dayAcrossDaylightSavingChangesIsCalendarDay() {
        ValueAddedService service = service(100, BillingPeriod.DAY, true, Cancellation.END_OF_PERIOD);
        Subscribing.topUp(accounts, subscriber.id(), 300);
        // 12:00 GMT on Saturday 29 March 2025; the clocks go forward that night.
        clock.set(Instant.parse("2025-03-29T12:00:00Z"));
        Subscription spring = subscriptions.subscribe(subscriber.id(), service.code(), null).subscription();
        assertThat(spring.expiresAt()).isEqualTo("2025-03-30T11:00:00Z");

        clock.set(spring.expiresAt());
        renewal.runOnce();
        assertThat(running(service).expiresAt()).isEqualTo("2025-03-31T11:00:00Z");

        // 12:00 BST on Saturday 25 October 2025; the clocks go back that night.
        ValueAddedService autumnService = service(100, BillingPeriod.DAY, false, Cancellation.END_OF_PERIOD);
        clock.set(Instant.parse("2025-10-25T11:00:00Z"));
        Subscription autumn = subscriptions.subscribe(subscriber.id(), autumnService.code(), null).subscription();
        assertThat(autumn.expiresAt()).isEqualTo("2025-10-26T12:00:00Z");
        assertThat(Duration.between(autumn.effectiveAt(), autumn.expiresAt())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void renewalWithoutCreditExpires() {
        ValueAddedService service = service(300, BillingPeriod.WEEK, true, Cancellation.END_OF_PERIOD);
        Subscribing.topUp(accounts, subscriber.id(), 500);
        clock.set(Instant.parse("2026-02-02T08:00:00Z"));
        Subscription subscription = subscriptions.subscribe(subscriber.id(), service.code(), null).subscription();

        clock.set(subscription.expiresAt().plusSeconds(30));
        renewal.runOnce();

        assertThat(status(subscription)).isEqualTo("EXPIRED");
        assertThat(balance()).isEqualTo(200);
        assertThat(feeEntries()).isEqualTo(1);
        assertThat(securityLog.events(SecurityEventType.SUBSCRIPTION_EXPIRED, service.code())).hasSize(1);
        assertThat(inbox.awaitSms(subscriber.msisdnE164(), clock.instant().minusSeconds(1)))
                .contains(service.name(), "did not cover");
    }

    @Test
    void jobRunTwiceChangesNothingMore() {
        ValueAddedService service = service(100, BillingPeriod.DAY, true, Cancellation.END_OF_PERIOD);
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        clock.set(Instant.parse("2026-05-10T09:00:00Z"));
        Subscription subscription = subscriptions.subscribe(subscriber.id(), service.code(), null).subscription();
        clock.set(subscription.expiresAt());

        // Two nodes at once, then once more.
        CompletableFuture.allOf(CompletableFuture.runAsync(renewal::runOnce),
                CompletableFuture.runAsync(renewal::runOnce)).join();
        renewal.runOnce();

        assertThat(feeEntries()).isEqualTo(2);
        assertThat(balance()).isEqualTo(800);
        assertThat(running(service).periodNumber()).isEqualTo(2);
        assertThat(securityLog.events(SecurityEventType.SUBSCRIPTION_RENEWED, service.code())).hasSize(1);
    }

    @Test
    void endOfPeriodCancelRunsUntilExpiry() {
        ValueAddedService service = service(400, BillingPeriod.WEEK, true, Cancellation.END_OF_PERIOD);
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        clock.set(Instant.parse("2026-06-01T10:00:00Z"));
        Subscription subscription = subscriptions.subscribe(subscriber.id(), service.code(), null).subscription();

        clock.advance(Duration.ofDays(2));
        Subscriptions.Cancelled cancelled = subscriptions.cancel(subscriber.id(), service.code(), null);

        assertThat(cancelled.refund()).isNull();
        assertThat(cancelled.current().subscription().expiresAt()).isEqualTo(subscription.expiresAt());
        assertThat(subscriptions.current(subscriber.id())).extracting((c) -> c.subscription().status())
                .containsExactly(SubscriptionStatus.CANCELLED);

        clock.set(subscription.expiresAt().minusSeconds(1));
        renewal.runOnce();
        assertThat(status(subscription)).isEqualTo("CANCELLED");

        clock.set(subscription.expiresAt());
        renewal.runOnce();
        assertThat(status(subscription)).isEqualTo("EXPIRED");
        assertThat(subscriptions.current(subscriber.id())).isEmpty();
        assertThat(balance()).isEqualTo(600);
        assertThat(feeEntries()).isEqualTo(1);
    }

    @Test
    void immediateCancelCreditsUnusedPartExactly() {
        ValueAddedService service = service(700, BillingPeriod.WEEK, true, Cancellation.IMMEDIATE_PRO_RATA);
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        clock.set(Instant.parse("2026-06-01T10:00:00Z"));
        subscriptions.subscribe(subscriber.id(), service.code(), null);

        // 2 days and 7 seconds of 7 days used: 700 * 431993 / 604800 = 499.99 -> 499.
        clock.advance(Duration.ofDays(2).plusSeconds(7));
        Subscriptions.Cancelled cancelled = subscriptions.cancel(subscriber.id(), service.code(), null);

        assertThat(cancelled.refund().minorUnits()).isEqualTo(499);
        assertThat(balance()).isEqualTo(1000 - 700 + 499);
        Subscription ended = cancelled.current().subscription();
        assertThat(ended.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(ended.expiresAt()).isEqualTo(clock.instant());
        assertThat(subscriptions.current(subscriber.id())).isEmpty();
        assertThat(inbox.awaitSms(subscriber.msisdnE164(), clock.instant().minusSeconds(1)))
                .contains(service.name(), "4.99 GBP");
    }

    @Test
    void brokenSealIsNotRenewed() {
        ValueAddedService service = service(100, BillingPeriod.DAY, true, Cancellation.END_OF_PERIOD);
        Subscribing.topUp(accounts, subscriber.id(), 1000);
        clock.set(Instant.parse("2026-07-01T09:00:00Z"));
        Subscription subscription = subscriptions.subscribe(subscriber.id(), service.code(), null).subscription();
        jdbc.sql("UPDATE subscription SET expires_at = expires_at + interval '30 days' WHERE id = ?")
                .param(subscription.id()).update();
        try {
            assertThat(subscriptions.current(subscriber.id())).isEmpty();
            clock.set(subscription.expiresAt().plus(Duration.ofDays(31)));
            renewal.runOnce();

            assertThat(status(subscription)).isEqualTo("ACTIVE");
            assertThat(feeEntries()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM seal_alert WHERE table_name = 'subscription' AND record_id = ?")
                    .param(subscription.id()).query(Long.class).single()).isEqualTo(1);
        }
        finally {
            // The test database is shared, and verify-seals tests expect no broken rows but their own.
            jdbc.sql("UPDATE subscription SET expires_at = expires_at - interval '30 days' WHERE id = ?")
                    .param(subscription.id()).update();
        }
    }

    private ValueAddedService service(long feeMinor, BillingPeriod period, boolean autoRenew,
            Cancellation cancellation) {
        return Subscribing.newService(catalogue, feeMinor, period, autoRenew, cancellation);
    }

    private Subscription running(ValueAddedService service) {
        List<Subscriptions.Current> current = subscriptions.current(subscriber.id());
        return current.stream()
                .map(Subscriptions.Current::subscription)
                .filter((s) -> s.serviceCode().equals(service.code()))
                .findFirst()
                .orElseThrow();
    }

    private String status(Subscription subscription) {
        return jdbc.sql("SELECT status FROM subscription WHERE id = ?").param(subscription.id())
                .query(String.class).single();
    }

    private long balance() {
        return accounts.balance(subscriber.id()).orElseThrow().value().minorUnits();
    }

    private long feeEntries() {
        return jdbc.sql("SELECT count(*) FROM ledger_entry WHERE subscriber_id = ? AND kind = 'SUBSCRIPTION_FEE'")
                .param(subscriber.id()).query(Long.class).single();
    }
}
