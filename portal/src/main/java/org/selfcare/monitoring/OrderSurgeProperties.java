package org.selfcare.monitoring;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Settings of the {@code order-surge} detector: a subscriber's orders in the window against their own rate over
 * the history before it.
 *
 * @param window the sliding window orders are counted in; default 1 hour
 * @param history the period before the window whose average per window is the subscriber's usual rate;
 *        default 7 days
 * @param warningCount orders in the window that raise a warning; default 5
 * @param severeCount orders in the window that raise a severe alert; default 10
 * @param factor how many times the usual rate the count must also reach, so a subscriber who always orders a lot
 *        is not flagged for it; default 5
 */
@Validated
@ConfigurationProperties("selfcare.monitoring.order-surge")
record OrderSurgeProperties(
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and P7D (1 minute to 7 days)")
        @DurationMax(days = 7, message = "must be between PT1M and P7D (1 minute to 7 days)")
        @DefaultValue("PT1H") Duration window,
        @NotNull @DurationMin(hours = 1, message = "must be between PT1H and P90D (1 hour to 90 days)")
        @DurationMax(days = 90, message = "must be between PT1H and P90D (1 hour to 90 days)")
        @DefaultValue("P7D") Duration history,
        @Min(value = 2, message = "must be between 2 and 1000") @Max(value = 1000, message = "must be between 2 and 1000")
        @DefaultValue("5") int warningCount,
        @Min(value = 3, message = "must be between 3 and 1000") @Max(value = 1000, message = "must be between 3 and 1000")
        @DefaultValue("10") int severeCount,
        @DecimalMin(value = "1.0", message = "must be between 1 and 100") @DecimalMax(value = "100.0",
                message = "must be between 1 and 100") @DefaultValue("5") double factor) {

    static final String PREFIX = "selfcare.monitoring.order-surge";

    OrderSurgeProperties {
        Thresholds.requireSevereAboveWarning(PREFIX, warningCount, severeCount);
        Thresholds.requireLonger(PREFIX, "history", history, "window", window);
    }
}
