package org.selfcare.identity;

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
 * Sign-in lockout per identifier and sign-in throttling per client address. Every value has bounds, and none
 * turns a measure off.
 *
 * @param maxFailures failed sign-ins with one identifier that lock it; default 3
 * @param duration how long a lock lasts, and how long failures count towards one; default 5 minutes
 * @param maxIdentifiersPerAddress different identifiers one client address may fail to sign in with per window
 *        before it is throttled; default 10
 * @param addressWindow the window of {@code maxIdentifiersPerAddress}; default 10 minutes
 */
@Validated
@ConfigurationProperties("selfcare.lockout")
record LockoutProperties(
        @Min(value = 1, message = "must be between 1 and 20") @Max(value = 20, message = "must be between 1 and 20")
        @DefaultValue("3") int maxFailures,
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and PT24H (1 minute to 24 hours)")
        @DurationMax(hours = 24, message = "must be between PT1M and PT24H (1 minute to 24 hours)")
        @DefaultValue("PT5M") Duration duration,
        @Min(value = 1, message = "must be between 1 and 10000") @Max(value = 10_000, message = "must be between 1 and 10000")
        @DefaultValue("10") int maxIdentifiersPerAddress,
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and PT24H (1 minute to 24 hours)")
        @DurationMax(hours = 24, message = "must be between PT1M and PT24H (1 minute to 24 hours)")
        @DefaultValue("PT10M") Duration addressWindow) {
}
