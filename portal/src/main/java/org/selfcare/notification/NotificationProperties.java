package org.selfcare.notification;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Delivery from the outbox: how often it is polled, how many notifications one portal node sends at once, and
 * how failed attempts are retried.
 *
 * @param pollInterval time between two looks at the outbox when no new notification wakes the dispatcher;
 *        default 5 seconds
 * @param workers notifications one node delivers at the same time; default 8
 * @param retryMinDelay delay before the first retry; each further retry waits twice as long; default 5 seconds
 * @param retryMaxDelay upper bound of the retry delay; default 10 minutes
 * @param maxAttempts delivery attempts after which a notification is FAILED; default 30
 * @param maxAge time after queueing after which a notification that is still not sent is FAILED; default 24
 *        hours
 * @param lease how long a node owns a notification it claimed. Another node may send it again after that, so the
 *        lease must be longer than the slowest delivery; default 2 minutes
 * @param retention how long a SENT or FAILED notification, with its SMS parts, and a delivery receipt are kept;
 *        default 90 days
 */
@Validated
@ConfigurationProperties("selfcare.notification")
public record NotificationProperties(
        @NotNull @DurationMin(millis = 10, message = "must be between PT0.01S and PT10M (10 milliseconds to 10 minutes)")
        @DurationMax(minutes = 10, message = "must be between PT0.01S and PT10M (10 milliseconds to 10 minutes)")
        @DefaultValue("PT5S") Duration pollInterval,
        @Min(value = 1, message = "must be between 1 and 64") @Max(value = 64, message = "must be between 1 and 64")
        @DefaultValue("8") int workers,
        @NotNull @DurationMin(millis = 10, message = "must be between PT0.01S and PT1H (10 milliseconds to 1 hour)")
        @DurationMax(hours = 1, message = "must be between PT0.01S and PT1H (10 milliseconds to 1 hour)")
        @DefaultValue("PT5S") Duration retryMinDelay,
        @NotNull @DurationMin(millis = 10, message = "must be between PT0.01S and PT24H (10 milliseconds to 24 hours)")
        @DurationMax(hours = 24, message = "must be between PT0.01S and PT24H (10 milliseconds to 24 hours)")
        @DefaultValue("PT10M") Duration retryMaxDelay,
        @Min(value = 1, message = "must be between 1 and 1000") @Max(value = 1000, message = "must be between 1 and 1000")
        @DefaultValue("30") int maxAttempts,
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and PT168H (1 minute to 7 days)")
        @DurationMax(days = 7, message = "must be between PT1M and PT168H (1 minute to 7 days)")
        @DefaultValue("PT24H") Duration maxAge,
        @NotNull @DurationMin(seconds = 30, message = "must be between PT30S and PT1H (30 seconds to 1 hour)")
        @DurationMax(hours = 1, message = "must be between PT30S and PT1H (30 seconds to 1 hour)")
        @DefaultValue("PT2M") Duration lease,
        @NotNull @DurationMin(days = 1, message = "must be between P1D and P3650D (1 day to 10 years)")
        @DurationMax(days = 3650, message = "must be between P1D and P3650D (1 day to 10 years)")
        @DefaultValue("P90D") Duration retention) {

    @AssertTrue(message = "selfcare.notification.retry-max-delay must not be shorter than retry-min-delay")
    boolean isRetryDelayRangeValid() {
        return retryMinDelay == null || retryMaxDelay == null || retryMaxDelay.compareTo(retryMinDelay) >= 0;
    }
}
