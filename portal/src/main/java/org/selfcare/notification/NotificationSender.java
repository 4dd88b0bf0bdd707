package org.selfcare.notification;

/**
 * Delivers notifications of one channel. Implementations return an outcome for every expected failure and throw
 * only for programming errors, which the dispatcher treats as retry-later.
 */
public interface NotificationSender {

    Channel channel();

    /**
     * Sends the entry once and blocks until the relay or SMSC has responded or the attempt timed out.
     */
    Delivery deliver(OutboxEntry entry);
}
