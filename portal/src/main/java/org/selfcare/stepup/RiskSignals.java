package org.selfcare.stepup;

/**
 * What abnormal-behaviour monitoring knows about a subscriber, as second authentication reads it. The monitoring
 * module implements it; second authentication never learns why a subscriber is at risk.
 */
public interface RiskSignals {

    /**
     * Returns the subscriber's state now. Read on every payment and subscription change, so it must be cheap.
     */
    RiskState stateOf(long subscriberId);
}
