package org.selfcare.purchase.order;

import java.time.Instant;

import org.selfcare.purchase.OrderActivity;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes an {@link OrderActivity} for each step of an order, in the step's transaction: the event publication
 * registry stores it with the change, so listeners hear of exactly the steps that committed.
 */
@Component
class OrderActivities {

    private final ApplicationEventPublisher events;

    OrderActivities(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void publish(Order order, OrderActivity.Kind kind, PaymentMethod method, Instant occurredAt) {
        events.publishEvent(new OrderActivity(order.subscriberId(), order.number(), kind, order.total(),
                methodName(method), occurredAt));
    }

    private static String methodName(PaymentMethod method) {
        if (method == null) {
            return null;
        }
        return switch (method) {
            case STORE_CREDIT -> "credit";
            case PROVIDER -> "provider";
        };
    }
}
