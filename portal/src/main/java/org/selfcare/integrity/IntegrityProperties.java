package org.selfcare.integrity;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Settings of signed API requests.
 *
 * @param requestWindow maximum difference between a request's timestamp and the server's clock, in either
 *        direction; default 2 minutes. Nonces are kept for twice this long.
 * @param nonceCleanupInterval time between two deletions of expired nonces; default 5 minutes
 * @param maxBodySize maximum body size of a signed request, because the signature check reads the body into memory;
 *        default 64 KB, the same as the limit of form posts
 */
@Validated
@ConfigurationProperties("selfcare.integrity")
public record IntegrityProperties(
        @NotNull @DurationMin(seconds = 5, message = "must be between PT5S and PT30M (5 seconds to 30 minutes)")
        @DurationMax(minutes = 30, message = "must be between PT5S and PT30M (5 seconds to 30 minutes)")
        @DefaultValue("PT2M") Duration requestWindow,
        @NotNull @DurationMin(seconds = 1, message = "must be between PT1S and PT24H (1 second to 24 hours)")
        @DurationMax(hours = 24, message = "must be between PT1S and PT24H (1 second to 24 hours)")
        @DefaultValue("PT5M") Duration nonceCleanupInterval,
        @NotNull @DefaultValue("64KB") DataSize maxBodySize) {

    private static final DataSize MAX_BODY_SIZE_LIMIT = DataSize.ofMegabytes(1);

    public IntegrityProperties {
        if (maxBodySize != null && (maxBodySize.toBytes() < 1 || maxBodySize.compareTo(MAX_BODY_SIZE_LIMIT) > 0)) {
            throw new IllegalArgumentException("selfcare.integrity.max-body-size must be between 1B and 1MB, but is "
                    + maxBodySize);
        }
    }

    /**
     * Returns how long a nonce is kept: twice the window, so a request is refused as stale before its nonce
     * could be forgotten.
     */
    Duration nonceLifetime() {
        return requestWindow.multipliedBy(2);
    }
}
