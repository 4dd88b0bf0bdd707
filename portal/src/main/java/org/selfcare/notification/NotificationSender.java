package org.selfcare.notification;

/**
 * Delivers notifications of one channel. Implementations return an outcome for every expected failure and throw
 * only for programming errors, which the dispatcher treats as retry-later.
 */
public interface NotificationSender {

    Channel channel();

    /**
     * Returns whether the channel can send now. The dispatcher claims rows only for ready channels, so a node whose
     * SMPP link is down leaves SMS to nodes whose link is up and spends no attempts during the outage.
     */
    default boolean isReady() {
        return true;
    }

    /**
     * Sends the entry once and blocks until the relay or SMSC has responded or the attempt timed out.
     */
    Delivery deliver(OutboxEntry entry);
}
