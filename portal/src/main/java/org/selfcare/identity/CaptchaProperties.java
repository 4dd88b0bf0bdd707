package org.selfcare.identity;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Settings of the verification code on the sign-in page.
 *
 * @param ttl how long a code can be used after it was issued; default 2 minutes
 * @param testKey an answer the portal accepts in place of the code shown, for automated conformance runs;
 *        none by default
 */
@Validated
@ConfigurationProperties("selfcare.captcha")
record CaptchaProperties(
        @NotNull @DurationMin(seconds = 10) @DurationMax(minutes = 15) @DefaultValue("PT2M") Duration ttl,
        @Size(min = 16, max = 128, message = "must be between 16 and 128 characters long")
        @Pattern(regexp = "[\\x21-\\x7E]*", message = "must contain printable ASCII characters only, without spaces")
        String testKey) {

    @Override
    public String toString() {
        return "CaptchaProperties[ttl=" + ttl + ", testKey=" + ((testKey == null) ? "none" : "[REDACTED]") + "]";
    }
}
