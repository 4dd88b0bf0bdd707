package org.selfcare.notification;

/**
 * How a notification travels.
 */
public enum Channel {

    /** Short message over SMPP to the operator's SMSC. */
    SMS,

    /** E-mail over SMTP to the operator's relay. */
    EMAIL
}
