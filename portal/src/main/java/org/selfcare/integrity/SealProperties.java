package org.selfcare.integrity;

import jakarta.validation.constraints.Pattern;

import org.selfcare.platform.PortalKeystore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of record sealing.
 *
 * @param sealKeyId id of the key that seals new records, the {@code <id>} of a {@code seal-<id>} keystore
 *        entry; default none, which picks the highest id in the keystore
 */
@Validated
@ConfigurationProperties("selfcare.integrity")
public record SealProperties(
        @Pattern(regexp = PortalKeystore.KEY_ID_PATTERN, message = "must be 1 to 32 lowercase letters, digits or hyphens")
        String sealKeyId) {
}
