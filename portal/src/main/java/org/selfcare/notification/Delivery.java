package org.selfcare.notification;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one delivery attempt.
 */
public sealed interface Delivery {

    /**
     * The relay or SMSC accepted the notification.
     *
     * @param messageIds the SMSC message id of each part of an SMS, in part order; empty for e-mail
     */
    record Sent(List<String> messageIds) implements Delivery {

        public Sent {
            messageIds = List.copyOf(messageIds);
        }
    }

    /**
     * The attempt failed for a reason that may pass: the link is down, the SMSC throttles, a response timed out.
     *
     * @param reason what failed, in plain words, without the body
     */
    record RetryLater(String reason) implements Delivery {

        public RetryLater {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }

    /**
     * The relay or SMSC rejected the notification for good, for example an invalid destination address.
     *
     * @param reason what failed, in plain words, without the body
     */
    record Rejected(String reason) implements Delivery {

        public Rejected {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }
}
