package org.selfcare.identity.password;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Settings of the password policy.
 *
 * @param preset {@code x1470} (default) or {@code asvs}
 * @param minLength minimum number of characters, from 8 to 128; unset means the preset's default (10 for
 *        {@code x1470}, 12 for {@code asvs})
 */
@Validated
@ConfigurationProperties("selfcare.password-policy")
public record PasswordPolicyProperties(
        @NotNull @DefaultValue("x1470") PasswordPreset preset,
        @Min(PasswordPolicy.MIN_LENGTH_FLOOR) @Max(PasswordPolicy.MAX_LENGTH) Integer minLength) {

    /**
     * Returns the configured minimum length, or the preset's default when none is set.
     */
    public int effectiveMinLength() {
        return (minLength != null) ? minLength : preset.defaultMinLength();
    }
}
