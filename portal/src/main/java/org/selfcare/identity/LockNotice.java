package org.selfcare.identity;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.selfcare.notification.Message;
import org.selfcare.notification.Notifications;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Tells a subscriber by SMS that their account was locked after failed sign-ins or failed proofs, and until when,
 * so a subscriber who did not try learns that someone else did.
 */
@Component
class LockNotice {

    private static final DateTimeFormatter LOCK_END = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '('VV')'");

    private final Notifications notifications;

    LockNotice(Notifications notifications) {
        this.notifications = notifications;
    }

    void send(Subscriber subscriber, Instant lockedUntil) {
        // NOTE: the portal stores no language per subscriber yet, so the notice uses the language of the request
        // that caused the lock.
        var locale = LocaleContextHolder.getLocale();
        String until = LOCK_END.withZone(subscriber.timeZone()).format(SignInRefusalController.roundUp(lockedUntil));
        notifications.sms(subscriber.msisdnE164(), locale, Message.of("notification.sms.account-locked", until));
    }
}
