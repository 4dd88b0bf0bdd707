package org.selfcare.subscription;

import java.time.ZoneId;
import java.util.Locale;

import org.selfcare.account.Money;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.notification.Message;
import org.selfcare.notification.Notifications;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Tells the subscriber about every change of a subscription: an SMS, and an e-mail when they gave a contact address.
 * Each notice names the service, its content, the fee and period, and when the paid period started and ends, in the
 * subscriber's time zone. The notices are queued in the change's transaction, so they go out only if it commits.
 */
@Component
class SubscriptionNotices {

    private final Notifications notifications;

    private final SubscriberDirectory subscribers;

    private final SubscriptionTexts texts;

    SubscriptionNotices(Notifications notifications, SubscriberDirectory subscribers, SubscriptionTexts texts) {
        this.notifications = notifications;
        this.subscribers = subscribers;
        this.texts = texts;
    }

    /** The kind of notice, which picks its texts. */
    enum Kind {
        SUBSCRIBED, CANCELLED, CANCELLED_WITH_REFUND, RENEWED, EXPIRED, EXPIRED_UNPAID;

        String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Queues the notice of a change.
     *
     * @param refund the amount credited back, or {@code null}
     */
    void send(Kind kind, Subscription subscription, ValueAddedService service, Money refund) {
        Subscriber subscriber = subscribers.findById(subscription.subscriberId())
                .orElseThrow(() -> new IllegalStateException("Subscription " + subscription.id()
                        + " has no subscriber"));
        // NOTE: the portal stores no language per subscriber yet, so a notice uses the language of the request
        // that made the change, and the renewal job the portal's default language.
        Locale locale = LocaleContextHolder.getLocale();
        ZoneId zone = subscriber.timeZone();
        String sentence = texts.text(locale, "subscription.notice." + kind.key(), service.name(), service.content(),
                SubscriptionTexts.fee(subscription.fee()), texts.perPeriod(locale, subscription.period()),
                SubscriptionTexts.time(subscription.effectiveAt(), zone, locale),
                SubscriptionTexts.time(subscription.expiresAt(), zone, locale),
                refund == null ? "" : SubscriptionTexts.fee(refund),
                texts.text(locale, subscription.autoRenew() ? "subscription.notice.renews"
                        : "subscription.notice.does-not-renew"));

        notifications.sms(subscriber.msisdnE164(), locale, Message.of("notification.sms.subscription", sentence));
        subscribers.contactEmail(subscriber.id())
                .ifPresent((address) -> notifications.email(address, locale,
                        Message.of("notification.email.subscription.subject." + kind.key(), service.name()),
                        Message.of("notification.email.subscription.body", subscriber.displayName(), sentence)));
    }
}
