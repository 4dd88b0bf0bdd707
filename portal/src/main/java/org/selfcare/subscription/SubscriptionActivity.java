package org.selfcare.subscription;

import java.time.Instant;
import java.util.Objects;

import org.selfcare.account.Money;

/**
 * Published in the transaction of each change of a subscription, so monitoring learns about subscriptions without
 * being called.
 *
 * @param subscriberId whose subscription
 * @param serviceCode the service, such as {@code news-daily}
 * @param kind what changed
 * @param fee the fee per period at the time of the change
 * @param effectiveAt when the subscription starts or started
 * @param expiresAt when the paid period ends or ended
 * @param occurredAt when the change happened
 */
public record SubscriptionActivity(long subscriberId, String serviceCode, Kind kind, Money fee, Instant effectiveAt,
        Instant expiresAt, Instant occurredAt) {

    public SubscriptionActivity {
        Objects.requireNonNull(serviceCode, "serviceCode must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(fee, "fee must not be null");
        Objects.requireNonNull(occurredAt, "occurredAt must not be null");
    }

    public enum Kind {

        /** The subscriber subscribed; the first period's fee was charged. */
        SUBSCRIBED,

        /** The subscriber cancelled, at once or at the end of the paid period. */
        UNSUBSCRIBED,

        /** A period ended and the next one was charged. */
        RENEWED,

        /** A period ended without renewal: cancelled before, not renewing, or the balance did not cover the fee. */
        EXPIRED
    }
}
