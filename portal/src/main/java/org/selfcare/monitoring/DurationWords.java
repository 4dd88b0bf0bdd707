package org.selfcare.monitoring;

import java.time.Duration;

/**
 * Writes a window's length for alert summaries, such as {@code 1 hour} or {@code 90 minutes}.
 */
final class DurationWords {

    private DurationWords() {
    }

    static String of(Duration duration) {
        if (duration.toDaysPart() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return plural(duration.toDays(), "day");
        }
        if (duration.equals(Duration.ofHours(duration.toHours()))) {
            return plural(duration.toHours(), "hour");
        }
        if (duration.equals(Duration.ofMinutes(duration.toMinutes()))) {
            return plural(duration.toMinutes(), "minute");
        }
        return plural(duration.toSeconds(), "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
