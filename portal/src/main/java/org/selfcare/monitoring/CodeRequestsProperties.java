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
 * Settings of the {@code code-requests} detector: requests for one-time codes by SMS, sent or refused by a send limit.
 *
 * @param window the sliding window requests are counted in; default 1 hour
 * @param warningCount requests in the window that raise a warning; default 6
 * @param severeCount requests in the window that raise a severe alert; default 12
 */
@Validated
@ConfigurationProperties("selfcare.monitoring.code-requests")
record CodeRequestsProperties(
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and P7D (1 minute to 7 days)")
        @DurationMax(days = 7, message = "must be between PT1M and P7D (1 minute to 7 days)")
        @DefaultValue("PT1H") Duration window,
        @Min(value = 2, message = "must be between 2 and 1000") @Max(value = 1000, message = "must be between 2 and 1000")
        @DefaultValue("6") int warningCount,
        @Min(value = 3, message = "must be between 3 and 1000") @Max(value = 1000, message = "must be between 3 and 1000")
        @DefaultValue("12") int severeCount) {

    static final String PREFIX = "selfcare.monitoring.code-requests";

    CodeRequestsProperties {
        Thresholds.requireSevereAboveWarning(PREFIX, warningCount, severeCount);
    }
}
