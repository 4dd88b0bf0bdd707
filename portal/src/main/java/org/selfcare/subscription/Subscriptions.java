package org.selfcare.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.integrity.RecordSeal;
import org.selfcare.stepup.BoundOperation;
import org.selfcare.stepup.Purpose;
import org.selfcare.subscription.SubscriptionActivity.Kind;
import org.selfcare.subscription.ValueAddedService.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Subscribes, cancels, renews and expires subscriptions. Each change runs in one transaction with its ledger entry,
 * its {@link SubscriptionActivity}, its security event and its notice, under the row lock of the subscription (or,
 * for a new one, the unique index of running subscriptions), so the API and the renewal job on any node cannot
 * overtake each other.
 *
 * <p>The API checks a change in two steps around the second authentication. {@code check...} rejects a change that
 * cannot be made and returns the operation to confirm, and the change itself checks again under the lock.
 */
@Service
class Subscriptions {

    static final int RENEWAL_BATCH = 100;

    private static final Logger logger = LoggerFactory.getLogger(Subscriptions.class);

    private final ServiceCatalogue catalogue;

    private final SubscriptionStore store;

    private final Accounts accounts;

    private final SubscriberDirectory subscribers;

    private final SubscriptionNotices notices;

    private final SubscriptionTexts texts;

    private final SecurityLog securityLog;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    Subscriptions(ServiceCatalogue catalogue, SubscriptionStore store, Accounts accounts,
            SubscriberDirectory subscribers, SubscriptionNotices notices, SubscriptionTexts texts,
            SecurityLog securityLog, ApplicationEventPublisher events, Clock clock) {
        this.catalogue = catalogue;
        this.store = store;
        this.accounts = accounts;
        this.subscribers = subscribers;
        this.notices = notices;
        this.texts = texts;
        this.securityLog = securityLog;
        this.events = events;
        this.clock = clock;
    }

    /** A subscription with its service, as the API shows it. */
    record Current(Subscription subscription, ValueAddedService service) {
    }

    /** A cancelled subscription and what was credited back, or {@code null}. */
    record Cancelled(Current current, Money refund) {
    }

    /**
     * Returns the subscriber's running subscriptions, including cancelled ones that run until their period ends.
     */
    List<Current> current(long subscriberId) {
        return store.running(subscriberId)
                .stream()
                .map((subscription) -> new Current(subscription, service(subscription.serviceCode())))
                .toList();
    }

    /**
     * Checks that the subscriber can subscribe to an active service now, and returns the operation to confirm.
     *
     * @throws SubscriptionRefusedException {@code unknown_service}, {@code already_subscribed} or
     *         {@code insufficient_credit}
     */
    BoundOperation checkSubscribe(long subscriberId, String code, Locale locale) {
        ValueAddedService service = activeService(code);
        if (store.isRunning(subscriberId, code)) {
            throw alreadySubscribed(service);
        }
        if (!accounts.covers(subscriberId, service.fee())) {
            throw insufficientCredit(service);
        }
        return new BoundOperation(Purpose.SUBSCRIPTION, "subscribe:" + code, service.fee(),
                texts.subscribing(locale, service));
    }

    /**
     * Checks that the subscriber has a subscription to the service that is not cancelled yet, and returns the
     * operation to confirm.
     *
     * @throws SubscriptionRefusedException {@code unknown_service} or {@code not_subscribed}
     */
    BoundOperation checkCancel(long subscriberId, String code, Locale locale) {
        ValueAddedService service = catalogue.find(code).orElseThrow(SubscriptionRefusedException::unknownService);
        Subscription subscription = store.running(subscriberId)
                .stream()
                .filter((running) -> running.serviceCode().equals(code))
                .filter((running) -> running.status() == SubscriptionStatus.ACTIVE)
                .findFirst()
                .orElseThrow(() -> notSubscribed(service));
        return new BoundOperation(Purpose.SUBSCRIPTION, "unsubscribe:" + code, subscription.fee(),
                texts.cancelling(locale, service, subscription.fee()));
    }

    /**
     * Subscribes and charges the first period's fee from the balance.
     *
     * @throws SubscriptionRefusedException {@code unknown_service}, {@code already_subscribed} (also when another
     *         request subscribed at the same moment) or {@code insufficient_credit}; nothing is charged
     */
    @Transactional
    Current subscribe(long subscriberId, String code, String clientAddress) {
        ValueAddedService service = activeService(code);
        Subscriber subscriber = subscriber(subscriberId);
        Instant now = now();
        Instant expiresAt = BillingCalendar.periodEnd(now, subscriber.timeZone(), service.period(), 1);
        Subscription subscription = store.insert(new Subscription(0, subscriberId, code, service.fee(),
                service.period(), subscriber.timeZone(), SubscriptionStatus.ACTIVE, service.autoRenew(), now, 1, now,
                expiresAt, null, null)).orElseThrow(() -> alreadySubscribed(service));

        if (!accounts.chargeSubscriptionFee(subscriberId, service.fee(), subscription.feeReference(),
                "Subscription to " + service.name(), now)) {
            throw insufficientCredit(service);
        }
        record(SecurityEventType.SUBSCRIBED, subscription, clientAddress, "Subscribed to " + code + " for "
                + SubscriptionTexts.fee(service.fee()) + " per " + service.period().name().toLowerCase(Locale.ROOT));
        publish(Kind.SUBSCRIBED, subscription, now);
        notices.send(SubscriptionNotices.Kind.SUBSCRIBED, subscription, service, null);
        logger.info("Subscribed subscriptionId={} subscriberId={} service={} feeMinor={} expiresAt={}",
                subscription.id(), subscriberId, code, service.fee().minorUnits(), expiresAt);
        return new Current(subscription, service);
    }

    /**
     * Cancels a subscription: at the end of its paid period, or at once with the unused part of the fee credited
     * back, following the service's cancellation rule.
     *
     * @throws SubscriptionRefusedException {@code unknown_service} or {@code not_subscribed}
     */
    @Transactional
    Cancelled cancel(long subscriberId, String code, String clientAddress) {
        ValueAddedService service = catalogue.find(code).orElseThrow(SubscriptionRefusedException::unknownService);
        Subscription running = store.lockRunning(subscriberId, code)
                .filter((subscription) -> subscription.status() == SubscriptionStatus.ACTIVE)
                .orElseThrow(() -> notSubscribed(service));
        Instant now = now();

        Money refund = null;
        Subscription cancelled;
        if (service.cancellation() == Cancellation.IMMEDIATE_PRO_RATA) {
            Money unused = BillingCalendar.unusedPart(running.fee(), running.effectiveAt(), running.expiresAt(), now);
            cancelled = running.cancelledNow(now);
            if (unused.minorUnits() > 0) {
                refund = unused;
                accounts.creditSubscriptionRefund(subscriberId, refund, running.refundReference(),
                        "Refund for " + service.name(), now);
            }
        }
        else {
            cancelled = running.cancelledAtPeriodEnd(now);
        }
        store.update(cancelled);

        record(SecurityEventType.UNSUBSCRIBED, cancelled, clientAddress, "Cancelled " + code + ", "
                + (refund == null ? "running until " + cancelled.expiresAt()
                        : "ended at once with a refund of " + SubscriptionTexts.fee(refund)));
        publish(Kind.UNSUBSCRIBED, cancelled, now);
        notices.send(refund == null ? SubscriptionNotices.Kind.CANCELLED
                : SubscriptionNotices.Kind.CANCELLED_WITH_REFUND, cancelled, service, refund);
        logger.info("Cancelled subscriptionId={} subscriberId={} service={} refundMinor={}", cancelled.id(),
                subscriberId, code, refund == null ? 0 : refund.minorUnits());
        return new Cancelled(new Current(cancelled, service), refund);
    }

    /**
     * Renews or expires one batch of running subscriptions whose paid period ended. An auto-renewing subscription
     * to a service that is still offered is renewed when the balance covers the service's current fee; any other
     * one expires. Rows that another node holds are skipped, and so are rows whose seal fails, which are added to
     * {@code skipped} so the next batch does not lock them again.
     *
     * @return how many rows this batch locked
     */
    @Transactional
    int renewDue(Collection<Long> skipped) {
        Instant now = now();
        List<Long> broken = new ArrayList<>();
        List<Subscription> due = store.lockDue(now, RENEWAL_BATCH, skipped, broken);
        skipped.addAll(broken);
        for (Subscription subscription : due) {
            ValueAddedService service = service(subscription.serviceCode());
            if (subscription.status() == SubscriptionStatus.ACTIVE && subscription.autoRenew() && service.active()
                    && renew(subscription, service, now)) {
                continue;
            }
            expire(subscription, service, now);
        }
        return due.size() + broken.size();
    }

    private boolean renew(Subscription subscription, ValueAddedService service, Instant now) {
        int number = BillingCalendar.nextPeriodRunningAt(subscription.startedAt(), subscription.zone(),
                subscription.period(), subscription.periodNumber(), now);
        if (!accounts.chargeSubscriptionFee(subscription.subscriberId(), service.fee(),
                subscription.feeReference(number), "Subscription to " + service.name(), now)) {
            return false;
        }
        Instant effectiveAt = BillingCalendar.periodStart(subscription.startedAt(), subscription.zone(),
                subscription.period(), number);
        Subscription renewed = subscription.renewed(service.fee(), number, effectiveAt,
                BillingCalendar.periodEnd(subscription.startedAt(), subscription.zone(), subscription.period(),
                        number));
        store.update(renewed);
        record(SecurityEventType.SUBSCRIPTION_RENEWED, renewed, null, "Renewed " + service.code() + " until "
                + renewed.expiresAt() + " for " + SubscriptionTexts.fee(service.fee()));
        publish(Kind.RENEWED, renewed, now);
        notices.send(SubscriptionNotices.Kind.RENEWED, renewed, service, null);
        logger.info("Renewed subscriptionId={} period={} expiresAt={}", renewed.id(), number, renewed.expiresAt());
        return true;
    }

    private void expire(Subscription subscription, ValueAddedService service, Instant now) {
        boolean unpaid = subscription.status() == SubscriptionStatus.ACTIVE && subscription.autoRenew()
                && service.active();
        Subscription expired = subscription.expired(subscription.expiresAt());
        store.update(expired);
        record(SecurityEventType.SUBSCRIPTION_EXPIRED, expired, null, "Expired " + service.code() + " at "
                + expired.expiresAt() + (unpaid ? ": the balance did not cover the next fee" : ""));
        publish(Kind.EXPIRED, expired, now);
        notices.send(unpaid ? SubscriptionNotices.Kind.EXPIRED_UNPAID : SubscriptionNotices.Kind.EXPIRED, expired,
                service, null);
        logger.info("Expired subscriptionId={} unpaid={}", expired.id(), unpaid);
    }

    private void record(SecurityEventType type, Subscription subscription, String clientAddress, String reason) {
        securityLog.record(new SecurityEvent(type, now(), subscription.subscriberId(), subscription.serviceCode(),
                clientAddress, "success", reason));
    }

    private void publish(Kind kind, Subscription subscription, Instant occurredAt) {
        events.publishEvent(new SubscriptionActivity(subscription.subscriberId(), subscription.serviceCode(), kind,
                subscription.fee(), subscription.effectiveAt(), subscription.expiresAt(), occurredAt));
    }

    private ValueAddedService activeService(String code) {
        return catalogue.find(code)
                .filter(ValueAddedService::active)
                .orElseThrow(SubscriptionRefusedException::unknownService);
    }

    private ValueAddedService service(String code) {
        return catalogue.find(code)
                .orElseThrow(() -> new IllegalStateException("Subscription to " + code + " has no service"));
    }

    private Subscriber subscriber(long subscriberId) {
        return subscribers.findById(subscriberId)
                .orElseThrow(() -> new IllegalStateException("Subscriber " + subscriberId + " does not exist"));
    }

    private Instant now() {
        return RecordSeal.truncate(clock.instant());
    }

    private static SubscriptionRefusedException alreadySubscribed(ValueAddedService service) {
        return new SubscriptionRefusedException(HttpStatus.CONFLICT, "already_subscribed", "already-subscribed",
                service.name());
    }

    private static SubscriptionRefusedException insufficientCredit(ValueAddedService service) {
        return new SubscriptionRefusedException(HttpStatus.CONFLICT, "insufficient_credit", "insufficient-credit",
                service.name(), SubscriptionTexts.fee(service.fee()));
    }

    private static SubscriptionRefusedException notSubscribed(ValueAddedService service) {
        return new SubscriptionRefusedException(HttpStatus.NOT_FOUND, "not_subscribed", "not-subscribed",
                service.name());
    }
}
