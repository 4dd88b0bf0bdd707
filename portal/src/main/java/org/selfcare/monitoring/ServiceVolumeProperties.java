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
 * Settings of the {@code service-volume} detector: one service's new subscriptions in the window, by all
 * subscribers, against the service's moving baseline. Its alerts concern the service and mark no subscriber.
 *
 * @param window the sliding window subscriptions are counted in; default 1 hour
 * @param baseline the period before the window whose average per window is the service's baseline; default 7 days
 * @param warningCount subscriptions in the window a warning needs at least; default 10
 * @param severeCount subscriptions in the window a severe alert needs at least; default 30
 * @param warningFactor how many times the baseline the count must reach for a warning; default 4
 * @param severeFactor how many times the baseline the count must reach for a severe alert; default 10
 */
@Validated
@ConfigurationProperties("selfcare.monitoring.service-volume")
record ServiceVolumeProperties(
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and P7D (1 minute to 7 days)")
        @DurationMax(days = 7, message = "must be between PT1M and P7D (1 minute to 7 days)")
        @DefaultValue("PT1H") Duration window,
        @NotNull @DurationMin(hours = 1, message = "must be between PT1H and P90D (1 hour to 90 days)")
        @DurationMax(days = 90, message = "must be between PT1H and P90D (1 hour to 90 days)")
        @DefaultValue("P7D") Duration baseline,
        @Min(value = 2, message = "must be between 2 and 100000")
        @Max(value = 100_000, message = "must be between 2 and 100000") @DefaultValue("10") int warningCount,
        @Min(value = 3, message = "must be between 3 and 100000")
        @Max(value = 100_000, message = "must be between 3 and 100000") @DefaultValue("30") int severeCount,
        @DecimalMin(value = "1.0", message = "must be between 1 and 100") @DecimalMax(value = "100.0",
                message = "must be between 1 and 100") @DefaultValue("4") double warningFactor,
        @DecimalMin(value = "1.0", message = "must be between 1 and 100") @DecimalMax(value = "100.0",
                message = "must be between 1 and 100") @DefaultValue("10") double severeFactor) {

    static final String PREFIX = "selfcare.monitoring.service-volume";

    ServiceVolumeProperties {
        Thresholds.requireSevereAboveWarning(PREFIX, warningCount, severeCount);
        Thresholds.requireLonger(PREFIX, "baseline", baseline, "window", window);
        if (severeFactor < warningFactor) {
            throw new IllegalArgumentException(PREFIX + ".severe-factor (" + severeFactor + ") must be at least "
                    + PREFIX + ".warning-factor (" + warningFactor + ")");
        }
    }
}
