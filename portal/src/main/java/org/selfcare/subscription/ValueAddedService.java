package org.selfcare.subscription;

import java.util.Objects;

import org.selfcare.account.Money;

/**
 * A service of the catalogue.
 *
 * @param code stable identifier in URLs and messages, lower case letters, digits and hyphens, such as
 *        {@code news-daily}
 * @param name what subscribers see, such as {@code News Daily}
 * @param content what the service delivers, in one sentence, as the notice repeats it
 * @param fee the fee per billing period, charged from the balance at the start of each period
 * @param period how long one paid period lasts
 * @param autoRenew whether a period renews by itself at its end
 * @param cancellation what unsubscribing does
 * @param active whether new subscriptions are taken; existing ones run to the end of their period
 */
public record ValueAddedService(String code, String name, String content, Money fee, BillingPeriod period,
        boolean autoRenew, Cancellation cancellation, boolean active) {

    public ValueAddedService {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(content, "content must not be null");
        Objects.requireNonNull(fee, "fee must not be null");
        Objects.requireNonNull(period, "period must not be null");
        Objects.requireNonNull(cancellation, "cancellation must not be null");
    }

    /** Length of one paid period, counted in the subscriber's calendar. */
    public enum BillingPeriod {
        DAY, WEEK, MONTH
    }

    /** When an unsubscription takes effect. */
    public enum Cancellation {

        /** At the end of the paid period; nothing is refunded. */
        END_OF_PERIOD,

        /** At once, with the unused part of the fee credited back, pro rata. */
        IMMEDIATE_PRO_RATA
    }
}
