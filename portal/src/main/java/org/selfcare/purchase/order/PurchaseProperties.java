package org.selfcare.purchase.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Settings of orders.
 *
 * @param maxQuantityPerLine the most units of one item an order may ask for; default 10
 * @param orderLifetime how long an order can be paid after it was placed; default 30 minutes
 * @param expiryInterval time between two runs of the job that expires unpaid orders; default one minute
 * @param idempotencyKeyRetention how long an idempotency key and its first response are kept; default one day
 */
@Validated
@ConfigurationProperties("selfcare.purchase")
public record PurchaseProperties(
        @Min(1) @Max(1000) @DefaultValue("10") int maxQuantityPerLine,
        @NotNull @DefaultValue("30m") Duration orderLifetime,
        @NotNull @DefaultValue("1m") Duration expiryInterval,
        @NotNull @DefaultValue("24h") Duration idempotencyKeyRetention) {

    public PurchaseProperties {
        requirePositive("order-lifetime", orderLifetime);
        requirePositive("expiry-interval", expiryInterval);
        requirePositive("idempotency-key-retention", idempotencyKeyRetention);
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("selfcare.purchase." + name + " must be positive, got " + value);
        }
    }
}
