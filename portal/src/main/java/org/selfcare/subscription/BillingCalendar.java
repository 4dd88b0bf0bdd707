package org.selfcare.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.selfcare.account.Money;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;

/**
 * Period arithmetic of subscriptions, in the subscriber's calendar.
 *
 * <p>Every period is counted from the start of the subscription: period {@code n} ends {@code n} days, weeks or
 * months after it, at the same local time. A day is a calendar day, so across a daylight-saving change it lasts 23
 * or 25 hours. A month ends on the same day of the month; when that month is shorter, it ends on its last day.
 * Because each end is counted from the start and not from the previous end, a subscription that started on 31
 * January ends its first period on 28 (or 29) February and its second on 31 March. A local time that the clocks
 * skip is moved later by the length of the gap, and one that occurs twice keeps the offset of the start
 * ({@link ZonedDateTime#plusMonths} and its siblings).
 */
final class BillingCalendar {

    private BillingCalendar() {
    }

    /**
     * Returns the end of period {@code number} (1 for the first) of a subscription that started at
     * {@code startedAt}.
     */
    static Instant periodEnd(Instant startedAt, ZoneId zone, BillingPeriod period, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("Periods are counted from 1, got " + number);
        }
        ZonedDateTime start = startedAt.atZone(zone);
        ZonedDateTime end = switch (period) {
            case DAY -> start.plusDays(number);
            case WEEK -> start.plusWeeks(number);
            case MONTH -> start.plusMonths(number);
        };
        return end.toInstant();
    }

    /**
     * Returns the start of period {@code number}: the start of the subscription, or the end of the period before.
     */
    static Instant periodStart(Instant startedAt, ZoneId zone, BillingPeriod period, int number) {
        return number == 1 ? startedAt : periodEnd(startedAt, zone, period, number - 1);
    }

    /**
     * Returns the number of the first period after {@code after} whose end lies after {@code now}. Periods that
     * ended while nothing renewed them, because the portal was not running, are skipped and never charged.
     */
    static int nextPeriodRunningAt(Instant startedAt, ZoneId zone, BillingPeriod period, int after, Instant now) {
        int number = after + 1;
        while (!periodEnd(startedAt, zone, period, number).isAfter(now)) {
            number++;
        }
        return number;
    }

    /**
     * Returns the part of {@code fee} that pays for the time from {@code at} to {@code periodEnd}, of the period
     * from {@code periodStart} to {@code periodEnd}. Both durations are counted in whole seconds, the unused time
     * rounded down, and the result is rounded down to a whole minor unit, so the refund never exceeds the unused
     * part of the fee: {@code fee * unusedSeconds / periodSeconds} in integer arithmetic.
     *
     * @return zero when {@code at} is at or after the end of the period
     */
    static Money unusedPart(Money fee, Instant periodStart, Instant periodEnd, Instant at) {
        long periodSeconds = Duration.between(periodStart, periodEnd).toSeconds();
        if (periodSeconds <= 0 || !at.isBefore(periodEnd)) {
            return new Money(0, fee.currency());
        }
        Instant from = at.isBefore(periodStart) ? periodStart : at;
        long unusedSeconds = Duration.between(from, periodEnd).toSeconds();
        // A fee is at most 10^8 minor units and a period at most 31 days (2,678,400 s), so the product fits a long.
        long refund = Math.multiplyExact(fee.minorUnits(), unusedSeconds) / periodSeconds;
        return new Money(refund, fee.currency());
    }
}
