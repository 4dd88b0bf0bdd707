package org.selfcare.monitoring;

import java.time.Clock;
import java.time.Instant;

import org.selfcare.stepup.RiskSignals;
import org.selfcare.stepup.RiskState;

import org.springframework.stereotype.Component;

/**
 * Reads a subscriber's risk from {@code risk_flag} by primary key, one indexed read per payment or subscription
 * change. There is deliberately no cache: an alert raised on one node must block a payment on every node at
 * once, and a cache invalidated only on the node that raised the alert would let another node pay meanwhile.
 */
@Component
class RiskFlagSignals implements RiskSignals {

    private final RiskFlags flags;

    private final Clock clock;

    RiskFlagSignals(RiskFlags flags, Clock clock) {
        this.flags = flags;
        this.clock = clock;
    }

    @Override
    public RiskState stateOf(long subscriberId) {
        Instant now = clock.instant();
        return flags.find(subscriberId).map((flag) -> {
            if (flag.blockedUntil() != null && flag.blockedUntil().isAfter(now)) {
                return new RiskState(RiskState.Level.BLOCKED, flag.blockedUntil());
            }
            if (flag.riskUntil().isAfter(now)) {
                return new RiskState(RiskState.Level.AT_RISK, flag.riskUntil());
            }
            return RiskState.NORMAL;
        }).orElse(RiskState.NORMAL);
    }
}
