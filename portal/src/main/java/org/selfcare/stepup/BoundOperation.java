package org.selfcare.stepup;

import java.util.Objects;

import org.selfcare.account.Money;

/**
 * One operation that a second authentication confirms, and nothing else: a proof for it serves neither another
 * operation nor the same operation at another amount (dynamic linking).
 *
 * @param purpose {@link Purpose#PAYMENT} or {@link Purpose#SUBSCRIPTION}
 * @param reference what the operation acts on, stable for one operation and different for any other, such as
 *        {@code subscribe:news-daily} or {@code order:7KX3M9}
 * @param amount what it costs: the order's total or the service's fee per period
 * @param description the operation in the subscriber's words, as the SMS shows it, such as
 *        {@code subscribe to News Daily for 2.00 GBP a month}; already localised by the feature
 */
public record BoundOperation(Purpose purpose, String reference, Money amount, String description) {

    public BoundOperation {
        Objects.requireNonNull(purpose, "purpose must not be null");
        Objects.requireNonNull(reference, "reference must not be null");
        Objects.requireNonNull(amount, "amount must not be null");
        Objects.requireNonNull(description, "description must not be null");
        if (purpose != Purpose.PAYMENT && purpose != Purpose.SUBSCRIPTION) {
            throw new IllegalArgumentException("Only payments and subscription changes are confirmed per operation");
        }
    }
}
