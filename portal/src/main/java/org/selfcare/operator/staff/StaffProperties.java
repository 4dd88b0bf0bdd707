package org.selfcare.operator.staff;

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
 * Settings of the operator console's sign-in and sessions. Every value has bounds, and none turns a measure off.
 *
 * @param idleTimeout inactivity after which a staff session ends; default 10 minutes, shorter than a subscriber's
 * @param maxFailures failed sign-ins with one staff account that lock it; default 3
 * @param lockDuration how long a lock lasts, and how long failures count towards one; default 5 minutes
 */
@Validated
@ConfigurationProperties("selfcare.console")
public record StaffProperties(
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and PT1H")
        @DurationMax(hours = 1, message = "must be between PT1M and PT1H")
        @DefaultValue("PT10M") Duration idleTimeout,
        @Min(value = 1, message = "must be between 1 and 10") @Max(value = 10, message = "must be between 1 and 10")
        @DefaultValue("3") int maxFailures,
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and PT24H")
        @DurationMax(hours = 24, message = "must be between PT1M and PT24H")
        @DefaultValue("PT5M") Duration lockDuration) {
}
