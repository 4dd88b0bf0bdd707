package org.selfcare.monitoring;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;

/**
 * What a detection does to the subscriber, and where operations hear of it. Each detector has its own settings
 * under {@code selfcare.monitoring.<detector>}.
 *
 * @param blockDuration how long a severe alert blocks the subscriber's payments and subscription changes;
 *        default 30 minutes
 * @param riskDuration how long after an alert the subscriber stays at risk unless staff clear it first;
 *        default 24 hours, and never shorter than the block
 * @param alertEmail the address that receives an e-mail for each alert raised or escalated; default none
 * @param pruneInterval time between two runs of the job that deletes events older than every window needs and
 *        ends risk flags that ran out; default 1 hour
 */
@Validated
@ConfigurationProperties("selfcare.monitoring")
record MonitoringProperties(
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and PT24H (1 minute to 24 hours)")
        @DurationMax(hours = 24, message = "must be between PT1M and PT24H (1 minute to 24 hours)")
        @DefaultValue("PT30M") Duration blockDuration,
        @NotNull @DurationMin(hours = 1, message = "must be between PT1H and P30D (1 hour to 30 days)")
        @DurationMax(days = 30, message = "must be between PT1H and P30D (1 hour to 30 days)")
        @DefaultValue("PT24H") Duration riskDuration,
        @Email(message = "must be an e-mail address") String alertEmail,
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and PT24H (1 minute to 24 hours)")
        @DurationMax(hours = 24, message = "must be between PT1M and PT24H (1 minute to 24 hours)")
        @DefaultValue("PT1H") Duration pruneInterval) {

    MonitoringProperties {
        if (alertEmail != null && alertEmail.isBlank()) {
            alertEmail = null;
        }
        Thresholds.requireLonger("selfcare.monitoring", "risk-duration", riskDuration, "block-duration",
                blockDuration);
    }
}
