package org.selfcare.subscription;

import java.time.Instant;
import java.time.ZoneId;

import org.selfcare.account.Money;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;

/**
 * A subscriber's subscription to a value-added service, as stored.
 *
 * @param id database id
 * @param subscriberId whose subscription
 * @param serviceCode the service
 * @param fee what the current period cost
 * @param period the service's billing period at subscription time
 * @param zone the subscriber's time zone at subscription time, in which periods are counted
 * @param status the state of the subscription
 * @param autoRenew whether the next period is charged at the end of this one
 * @param startedAt when the subscriber subscribed; periods are counted from here
 * @param periodNumber how many periods were charged, 1 for the first
 * @param effectiveAt when the current paid period started
 * @param expiresAt when the current paid period ends, or ended; for an immediate cancellation, the cancellation
 * @param cancelledAt when the subscriber cancelled, or {@code null}
 * @param endedAt when the subscription stopped running, or {@code null} while it runs
 */
record Subscription(long id, long subscriberId, String serviceCode, Money fee, BillingPeriod period, ZoneId zone,
        SubscriptionStatus status, boolean autoRenew, Instant startedAt, int periodNumber, Instant effectiveAt,
        Instant expiresAt, Instant cancelledAt, Instant endedAt) {

    boolean running() {
        return endedAt == null;
    }

    /** Returns the ledger reference of the current period's fee. */
    String feeReference() {
        return feeReference(periodNumber);
    }

    String feeReference(int number) {
        return "subscription:" + id + ":" + number;
    }

    String refundReference() {
        return "subscription:" + id + ":refund";
    }

    Subscription renewed(Money newFee, int number, Instant newEffectiveAt, Instant newExpiresAt) {
        return new Subscription(id, subscriberId, serviceCode, newFee, period, zone, status, autoRenew, startedAt,
                number, newEffectiveAt, newExpiresAt, cancelledAt, endedAt);
    }

    Subscription cancelledAtPeriodEnd(Instant at) {
        return new Subscription(id, subscriberId, serviceCode, fee, period, zone, SubscriptionStatus.CANCELLED,
                false, startedAt, periodNumber, effectiveAt, expiresAt, at, null);
    }

    Subscription cancelledNow(Instant at) {
        return new Subscription(id, subscriberId, serviceCode, fee, period, zone, SubscriptionStatus.CANCELLED,
                false, startedAt, periodNumber, effectiveAt, at, at, at);
    }

    Subscription expired(Instant at) {
        return new Subscription(id, subscriberId, serviceCode, fee, period, zone, SubscriptionStatus.EXPIRED,
                autoRenew, startedAt, periodNumber, effectiveAt, expiresAt, cancelledAt, at);
    }
}
