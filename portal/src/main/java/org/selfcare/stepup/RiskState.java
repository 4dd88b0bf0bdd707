package org.selfcare.stepup;

import java.time.Instant;
import java.util.Objects;

/**
 * A subscriber's risk as monitoring sees it.
 *
 * @param level how much the portal trusts the subscriber's next operation
 * @param until when the level ends by itself, or {@code null} for {@link Level#NORMAL} and for a risk that lasts
 *        until a member of staff resolves it
 */
public record RiskState(Level level, Instant until) {

    public static final RiskState NORMAL = new RiskState(Level.NORMAL, null);

    public RiskState {
        Objects.requireNonNull(level, "level must not be null");
        if (level == Level.BLOCKED && until == null) {
            throw new IllegalArgumentException("A block must end");
        }
    }

    public enum Level {

        /** No detection: payments go ahead, subscription changes take either method. */
        NORMAL,

        /** A detection: every payment and subscription change needs an SMS code bound to it. */
        AT_RISK,

        /** A severe pattern: payments and subscription changes are refused until {@code until}. */
        BLOCKED
    }
}
