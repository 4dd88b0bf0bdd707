package org.selfcare.conformance.host.facts;

/**
 * A fact about the host cannot be gathered, such as the running units on a host without systemd. The message is
 * the reason a check reports as INCONCLUSIVE, in words an operator can act on.
 */
public final class FactUnavailableException extends Exception {

    public FactUnavailableException(String message) {
        super(message);
    }
}
