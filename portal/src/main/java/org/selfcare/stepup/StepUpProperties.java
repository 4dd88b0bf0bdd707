package org.selfcare.stepup;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Second authentication settings. Every value has bounds, and none turns a measure off.
 *
 * @param codeLifetime how long an SMS code can be used after it was sent; default 5 minutes
 * @param proofLifetime how long a proof lasts in the session, per purpose
 * @param sendLimits how many SMS codes may be requested, per phone number, session and client address
 */
@Validated
@ConfigurationProperties("selfcare.stepup")
record StepUpProperties(
        @NotNull @DurationMin(minutes = 1, message = "must be between PT1M and PT15M (1 to 15 minutes)")
        @DurationMax(minutes = 15, message = "must be between PT1M and PT15M (1 to 15 minutes)")
        @DefaultValue("PT5M") Duration codeLifetime,
        @Valid @NotNull @DefaultValue ProofLifetime proofLifetime,
        @Valid @NotNull @DefaultValue SendLimits sendLimits) {

    private static final String LIFETIME_RANGE = "must be between PT1M and PT8H (1 minute to 8 hours)";

    private static final String COUNT_RANGE = "must be between 1 and 1000";

    /**
     * Returns how long a proof for {@code purpose} lasts.
     */
    Duration lifetimeOf(Purpose purpose) {
        return switch (purpose) {
            case CALL_RECORDS -> proofLifetime.callRecords();
            case PAYMENT, SUBSCRIPTION -> throw new IllegalArgumentException(
                    "A " + purpose.pathName() + " is confirmed per operation and grants no lasting proof");
            case FIRST_SIGN_IN -> throw new IllegalArgumentException("The first sign-in's code grants no step-up proof");
        };
    }

    /**
     * Lifetime of a proof per purpose.
     *
     * @param callRecords default 10 minutes
     */
    record ProofLifetime(
            @NotNull @DurationMin(minutes = 1, message = LIFETIME_RANGE) @DurationMax(hours = 8, message = LIFETIME_RANGE)
            @DefaultValue("PT10M") Duration callRecords) {
    }

    /**
     * Maximum SMS codes requested in a window. A request over any limit is rejected with 429.
     *
     * @param numberPerMinute per phone number and minute; default 1
     * @param numberPerHour per phone number and hour; default 5
     * @param numberPerDay per phone number and day; default 10
     * @param sessionPerHour per session and hour; default 5
     * @param addressPerHour per client address and hour; default 30, because several subscribers may share one
     *        address behind a carrier's or a company's network address translation
     */
    record SendLimits(
            @Min(value = 1, message = COUNT_RANGE) @Max(value = 1000, message = COUNT_RANGE)
            @DefaultValue("1") int numberPerMinute,
            @Min(value = 1, message = COUNT_RANGE) @Max(value = 1000, message = COUNT_RANGE)
            @DefaultValue("5") int numberPerHour,
            @Min(value = 1, message = COUNT_RANGE) @Max(value = 1000, message = COUNT_RANGE)
            @DefaultValue("10") int numberPerDay,
            @Min(value = 1, message = COUNT_RANGE) @Max(value = 1000, message = COUNT_RANGE)
            @DefaultValue("5") int sessionPerHour,
            @Min(value = 1, message = COUNT_RANGE) @Max(value = 100_000, message = "must be between 1 and 100000")
            @DefaultValue("30") int addressPerHour) {
    }
}
