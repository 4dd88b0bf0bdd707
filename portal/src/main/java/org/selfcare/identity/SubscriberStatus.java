package org.selfcare.identity;

/**
 * Lifecycle state of a subscriber; only {@link #ACTIVE} subscribers can sign in.
 */
public enum SubscriberStatus {

    ACTIVE, SUSPENDED, CLOSED
}
