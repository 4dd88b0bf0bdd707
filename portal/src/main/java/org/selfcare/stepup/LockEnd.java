package org.selfcare.stepup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Formats the end of an account lock for the subscriber, in their zone and rounded up to the next whole minute, so a
 * subscriber who waits until the minute shown is never rejected.
 */
final class LockEnd {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '('VV')'");

    private LockEnd() {
    }

    static String format(Instant lockedUntil, ZoneId zone) {
        Instant minute = lockedUntil.truncatedTo(ChronoUnit.MINUTES);
        Instant shown = minute.equals(lockedUntil) ? minute : minute.plus(1, ChronoUnit.MINUTES);
        return FORMAT.withZone(zone).format(shown);
    }
}
