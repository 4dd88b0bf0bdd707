package org.selfcare.monitoring;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Settings of the {@code unpaid-orders} detector: orders placed and never paid (still open, cancelled or expired).
 *
 * @param window the sliding window orders are counted in; default 24 hours
 * @param warningCount orders in the window that raise a warning; default 5
 * @param severeCount orders in the window that raise a severe alert; default 10
 */
@Validated
@ConfigurationProperties("selfcare.monitoring.unpaid-orders")
record UnpaidOrdersProperties(
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and P7D (1 minute to 7 days)")
        @DurationMax(days = 7, message = "must be between PT1M and P7D (1 minute to 7 days)")
        @DefaultValue("PT24H") Duration window,
        @Min(value = 2, message = "must be between 2 and 1000") @Max(value = 1000, message = "must be between 2 and 1000")
        @DefaultValue("5") int warningCount,
        @Min(value = 3, message = "must be between 3 and 1000") @Max(value = 1000, message = "must be between 3 and 1000")
        @DefaultValue("10") int severeCount) {

    static final String PREFIX = "selfcare.monitoring.unpaid-orders";

    UnpaidOrdersProperties {
        Thresholds.requireSevereAboveWarning(PREFIX, warningCount, severeCount);
    }
}
