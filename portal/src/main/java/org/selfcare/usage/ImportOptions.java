package org.selfcare.usage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

import org.selfcare.usage.cdr.CdrLayout;

/**
 * How to read one export file.
 *
 * @param sourceZone zone of the switch, for layouts whose times carry no offset
 * @param region ISO 3166 region for numbers written without a country code
 * @param layout the file's layout, or {@code null} to detect it from the first record
 * @param earliestAccepted calls that started before this are rejected as clock errors
 */
public record ImportOptions(ZoneId sourceZone, String region, CdrLayout layout, Instant earliestAccepted) {

    public static final Instant DEFAULT_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    public ImportOptions {
        Objects.requireNonNull(sourceZone, "sourceZone must not be null");
        Objects.requireNonNull(region, "region must not be null");
        Objects.requireNonNull(earliestAccepted, "earliestAccepted must not be null");
    }
}
