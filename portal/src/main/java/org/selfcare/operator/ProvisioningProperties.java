package org.selfcare.operator;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Settings of subscriber provisioning.
 *
 * @param initialPasswordValidity how long a provisioned subscriber can sign in with the initial password to
 *        start the first sign-in; default 14 days
 */
@Validated
@ConfigurationProperties("selfcare.provisioning")
public record ProvisioningProperties(@NotNull @DefaultValue("14d") Duration initialPasswordValidity) {

    public ProvisioningProperties {
        if (initialPasswordValidity != null
                && (initialPasswordValidity.isNegative() || initialPasswordValidity.isZero())) {
            throw new IllegalArgumentException(
                    "selfcare.provisioning.initial-password-validity must be positive, got " + initialPasswordValidity);
        }
    }
}
