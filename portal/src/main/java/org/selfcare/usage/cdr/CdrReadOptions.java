package org.selfcare.usage.cdr;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings for reading one export file.
 *
 * @param sourceZone time zone of the switch, used for layouts whose times carry no offset (Asterisk, FreeSWITCH)
 * @param earliestAccepted start before which a call is rejected as a clock error, or {@code null} for
 *        {@link #DEFAULT_EARLIEST_ACCEPTED}
 * @param layout layout of the file, or {@code null} to detect it from the first record
 */
public record CdrReadOptions(ZoneId sourceZone, Instant earliestAccepted, CdrLayout layout) {

    /** Default for {@link #earliestAccepted}: 2000-01-01T00:00:00Z. */
    public static final Instant DEFAULT_EARLIEST_ACCEPTED = Instant.parse("2000-01-01T00:00:00Z");

    public CdrReadOptions {
        Objects.requireNonNull(sourceZone, "sourceZone must not be null");
        if (earliestAccepted == null) {
            earliestAccepted = DEFAULT_EARLIEST_ACCEPTED;
        }
    }

    /**
     * Returns options that detect the layout and use the default earliest accepted start.
     */
    public static CdrReadOptions detectLayout(ZoneId sourceZone) {
        return new CdrReadOptions(sourceZone, DEFAULT_EARLIEST_ACCEPTED, null);
    }

    /**
     * Returns a copy of these options that reads every file as {@code layout} instead of detecting it.
     */
    public CdrReadOptions withLayout(CdrLayout layout) {
        return new CdrReadOptions(sourceZone, earliestAccepted, layout);
    }
}
