package org.selfcare.monitoring;

import java.util.Optional;

import org.selfcare.purchase.OrderActivity;
import org.selfcare.stepup.StepUpCodeRequested;
import org.selfcare.subscription.SubscriptionActivity;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the monitor from the events of purchases, subscriptions and second authentication. Each listener runs
 * after the publishing transaction committed, on a thread of its own and in a transaction of its own; the event
 * publication registry keeps the event until the listener succeeded, so a crash in between loses nothing.
 */
@Component
class MonitoringListeners {

    private final Monitor monitor;

    MonitoringListeners(Monitor monitor) {
        this.monitor = monitor;
    }

    @ApplicationModuleListener
    void on(OrderActivity activity) {
        MonitoredEvent.Kind kind = switch (activity.kind()) {
            case PLACED -> MonitoredEvent.Kind.ORDER_PLACED;
            case PAYMENT_REQUESTED -> MonitoredEvent.Kind.ORDER_PAYMENT_REQUESTED;
            case PAID -> MonitoredEvent.Kind.ORDER_PAID;
            case CANCELLED -> MonitoredEvent.Kind.ORDER_CANCELLED;
            case EXPIRED -> MonitoredEvent.Kind.ORDER_EXPIRED;
        };
        monitor.observe(new MonitoredEvent(kind, activity.subscriberId(), null, activity.orderNumber(),
                activity.occurredAt()));
    }

    @ApplicationModuleListener
    void on(SubscriptionActivity activity) {
        kindOf(activity.kind()).ifPresent((kind) -> monitor.observe(new MonitoredEvent(kind,
                activity.subscriberId(), activity.serviceCode(), null, activity.occurredAt())));
    }

    @ApplicationModuleListener
    void on(StepUpCodeRequested request) {
        monitor.observe(new MonitoredEvent(MonitoredEvent.Kind.CODE_REQUESTED, request.subscriberId(), null, null,
                request.occurredAt()));
    }

    /** Renewals and expiries are the service running its course, so no detector counts them. */
    private static Optional<MonitoredEvent.Kind> kindOf(SubscriptionActivity.Kind kind) {
        return switch (kind) {
            case SUBSCRIBED -> Optional.of(MonitoredEvent.Kind.SUBSCRIBED);
            case UNSUBSCRIBED -> Optional.of(MonitoredEvent.Kind.UNSUBSCRIBED);
            case RENEWED, EXPIRED -> Optional.empty();
        };
    }
}
