package org.selfcare.subscription;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.selfcare.account.Amount;
import org.selfcare.account.Money;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The subscriber-facing texts of subscriptions from the {@code messages-subscription} bundle: fees, periods, times
 * and the descriptions that a confirmation SMS repeats.
 */
@Component
class SubscriptionTexts {

    private static final String TIME_PATTERN = "yyyy-MM-dd HH:mm z";

    private final MessageSource messages;

    SubscriptionTexts(MessageSource messages) {
        this.messages = messages;
    }

    String text(Locale locale, String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    /** Returns the fee as {@code 2.00 GBP}. */
    static String fee(Money fee) {
        return Amount.text(fee);
    }

    /** Returns the period as it follows a fee, such as {@code a month}. */
    String perPeriod(Locale locale, BillingPeriod period) {
        return text(locale, "subscription.period." + period.name().toLowerCase(Locale.ROOT));
    }

    /** Returns the time as {@code 2025-03-30 14:05 BST} in the subscriber's zone. */
    static String time(Instant instant, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofPattern(TIME_PATTERN, locale).withZone(zone).format(instant);
    }

    /** Describes subscribing, as the confirmation SMS shows it: {@code subscribe to News Daily for 2.00 GBP a day}. */
    String subscribing(Locale locale, ValueAddedService service) {
        return text(locale, "subscription.operation.subscribe", service.name(), fee(service.fee()),
                perPeriod(locale, service.period()));
    }

    /** Describes cancelling: {@code cancel News Daily (2.00 GBP a day)}. */
    String cancelling(Locale locale, ValueAddedService service, Money fee) {
        return text(locale, "subscription.operation.cancel", service.name(), fee(fee),
                perPeriod(locale, service.period()));
    }
}
