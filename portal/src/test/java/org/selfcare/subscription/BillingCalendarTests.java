package org.selfcare.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.selfcare.account.Money;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Period ends in the subscriber's calendar, and the pro-rata part of a fee.
 */
class BillingCalendarTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void monthFromJanuary31EndsOnLastDayOfFebruary() {
        Instant start = Instant.parse("2025-01-31T12:00:00Z");

        assertThat(end(start, BillingPeriod.MONTH, 1)).isEqualTo("2025-02-28T12:00:00Z");
        // Counted from the start, so the second period ends on 31 March again, at 12:00 BST.
        assertThat(end(start, BillingPeriod.MONTH, 2)).isEqualTo("2025-03-31T11:00:00Z");
        assertThat(end(Instant.parse("2028-01-31T12:00:00Z"), BillingPeriod.MONTH, 1))
                .isEqualTo("2028-02-29T12:00:00Z");
    }

    @Test
    void monthFromNovember30EndsDecember30() {
        assertThat(end(Instant.parse("2025-11-30T10:00:00Z"), BillingPeriod.MONTH, 1))
                .isEqualTo("2025-12-30T10:00:00Z");
    }

    @Test
    void dayAcrossSpringChangeLasts23Hours() {
        Instant start = Instant.parse("2025-03-29T12:00:00Z");

        Instant end = end(start, BillingPeriod.DAY, 1);

        assertThat(end).isEqualTo("2025-03-30T11:00:00Z");
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void dayAcrossAutumnChangeLasts25Hours() {
        Instant start = Instant.parse("2025-10-25T11:00:00Z");

        Instant end = end(start, BillingPeriod.DAY, 1);

        assertThat(end).isEqualTo("2025-10-26T12:00:00Z");
        assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void weekAcrossSpringChangeKeepsLocalTime() {
        assertThat(end(Instant.parse("2025-03-26T09:30:00Z"), BillingPeriod.WEEK, 1))
                .isEqualTo("2025-04-02T08:30:00Z");
    }

    @Test
    void skippedLocalTimeMovesLater() {
        // 01:30 on 30 March 2025 does not exist in London; a day from 01:30 GMT on 29 March ends at 02:30 BST.
        assertThat(end(Instant.parse("2025-03-29T01:30:00Z"), BillingPeriod.DAY, 1))
                .isEqualTo("2025-03-30T01:30:00Z");
    }

    @Test
    void missedPeriodsAreSkipped() {
        Instant start = Instant.parse("2025-01-01T12:00:00Z");

        int next = BillingCalendar.nextPeriodRunningAt(start, LONDON, BillingPeriod.DAY, 1,
                Instant.parse("2025-01-05T13:00:00Z"));

        assertThat(next).isEqualTo(5);
        assertThat(BillingCalendar.periodStart(start, LONDON, BillingPeriod.DAY, next))
                .isEqualTo("2025-01-05T12:00:00Z");
    }

    @Test
    void unusedPartRoundsDown() {
        Instant start = Instant.parse("2025-03-29T12:00:00Z");
        Instant end = Instant.parse("2025-03-30T11:00:00Z");
        Money fee = Money.of(200, "GBP");

        // 23 h period, 7 h used: 200 * 57600 / 82800 = 139.13 -> 139.
        assertThat(BillingCalendar.unusedPart(fee, start, end, start.plus(Duration.ofHours(7))).minorUnits())
                .isEqualTo(139);
        assertThat(BillingCalendar.unusedPart(fee, start, end, start).minorUnits()).isEqualTo(200);
        assertThat(BillingCalendar.unusedPart(fee, start, end, end).minorUnits()).isZero();
        assertThat(BillingCalendar.unusedPart(fee, start, end, end.minusMillis(999)).minorUnits()).isZero();
    }

    private static Instant end(Instant start, BillingPeriod period, int number) {
        return BillingCalendar.periodEnd(start, LONDON, period, number);
    }
}
