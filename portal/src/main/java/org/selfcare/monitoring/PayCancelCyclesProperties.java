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
 * Settings of the {@code pay-cancel-cycles} detector: cancellations of orders whose payment was requested, such as a provider checkout started and then abandoned.
 *
 * @param window the sliding window cancellations are counted in; default 1 hour
 * @param warningCount cancellations in the window that raise a warning; default 3
 * @param severeCount cancellations in the window that raise a severe alert; default 6
 */
@Validated
@ConfigurationProperties("selfcare.monitoring.pay-cancel-cycles")
record PayCancelCyclesProperties(
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and P7D (1 minute to 7 days)")
        @DurationMax(days = 7, message = "must be between PT1M and P7D (1 minute to 7 days)")
        @DefaultValue("PT1H") Duration window,
        @Min(value = 2, message = "must be between 2 and 1000") @Max(value = 1000, message = "must be between 2 and 1000")
        @DefaultValue("3") int warningCount,
        @Min(value = 3, message = "must be between 3 and 1000") @Max(value = 1000, message = "must be between 3 and 1000")
        @DefaultValue("6") int severeCount) {

    static final String PREFIX = "selfcare.monitoring.pay-cancel-cycles";

    PayCancelCyclesProperties {
        Thresholds.requireSevereAboveWarning(PREFIX, warningCount, severeCount);
    }
}
