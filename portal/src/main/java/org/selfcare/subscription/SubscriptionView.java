package org.selfcare.subscription;

import java.time.Instant;
import java.util.Locale;

import org.selfcare.account.Amount;

/**
 * A subscription as the JSON API shows it.
 */
record SubscriptionView(ServiceSummary service, Amount fee, String status, Instant effectiveAt, Instant expiresAt,
        boolean autoRenew, Instant cancelledAt) {

    record ServiceSummary(String code, String name, String content) {
    }

    static SubscriptionView of(Subscriptions.Current current) {
        Subscription subscription = current.subscription();
        ValueAddedService service = current.service();
        return new SubscriptionView(new ServiceSummary(service.code(), service.name(), service.content()),
                Amount.of(subscription.fee()), subscription.status().name().toLowerCase(Locale.ROOT),
                subscription.effectiveAt(), subscription.expiresAt(), subscription.autoRenew(),
                subscription.cancelledAt());
    }
}
