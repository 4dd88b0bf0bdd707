package org.selfcare.usage.cdr;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.OptionalLong;

/**
 * Converts a switch's local times ({@code yyyy-MM-dd HH:mm:ss} without an offset) to instants in the switch's zone.
 */
final class SwitchClock {

    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId zone;

    SwitchClock(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Returns the instant of a local time.
     *
     * <p>When a daylight-saving change makes the local time occur twice, the offset whose instant is closer to
     * {@code epochSecondHint} wins. Without a hint the earlier offset wins, which gives the earlier instant.
     *
     * @param column name of the column in the export, used in the message
     * @param epochSecondHint roughly when the event happened, such as the epoch in an Asterisk uniqueid
     * @throws InvalidRecordException when the value is empty, malformed, or a local time that the zone skips
     */
    Instant toInstant(String column, String value, OptionalLong epochSecondHint) throws InvalidRecordException {
        String text = value.trim();
        if (text.isEmpty()) {
            throw new InvalidRecordException(column + " time is empty");
        }

        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text, LOCAL_TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(
                    column + " time \"" + value + "\" is not a valid time in the form yyyy-MM-dd HH:mm:ss");
        }

        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new InvalidRecordException(column + " time \"" + value + "\" does not exist in " + zone
                    + " because the clocks were put forward at that time (is the source zone right?)");
        }
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }

        Instant earlier = local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
        Instant later = local.atZone(zone).withLaterOffsetAtOverlap().toInstant();
        if (epochSecondHint.isEmpty()) {
            return earlier;
        }
        Instant hint = Instant.ofEpochSecond(epochSecondHint.getAsLong());
        boolean laterIsCloser = Duration.between(later, hint).abs().compareTo(Duration.between(earlier, hint).abs()) < 0;
        return laterIsCloser ? later : earlier;
    }
}
