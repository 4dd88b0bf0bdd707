package org.selfcare.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Settings of the security event log.
 *
 * @param verifyInterval time between two verifications of the whole chain by the running portal, the first one
 *        this long after start; default one hour
 */
@Validated
@ConfigurationProperties("selfcare.audit")
public record AuditProperties(@NotNull @DefaultValue("PT1H") Duration verifyInterval) {

    public AuditProperties {
        if (verifyInterval != null && (verifyInterval.isNegative() || verifyInterval.isZero())) {
            throw new IllegalArgumentException("selfcare.audit.verify-interval must be positive, such as PT1H");
        }
    }
}
