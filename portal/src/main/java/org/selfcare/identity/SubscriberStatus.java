package org.selfcare.identity;

/**
 * Lifecycle state of a subscriber. {@link #ACTIVE} subscribers reach the whole portal; {@link #PROVISIONED} ones
 * reach only the first sign-in, and the others cannot sign in.
 */
public enum SubscriberStatus {

    PROVISIONED, ACTIVE, SUSPENDED, CLOSED
}
