package org.selfcare.purchase.document;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Settings of identity document upload.
 *
 * @param maxSize largest file accepted; default 5 MB, 1 KB to 20 MB
 * @param keyId id of the key that encrypts new documents, the {@code <id>} of a {@code doc-<id>} keystore entry;
 *        default none, which picks the highest id in the keystore
 * @param clamd the ClamAV daemon that scans every upload
 */
@Validated
@ConfigurationProperties("selfcare.purchase.document")
public record DocumentProperties(
        @NotNull @DefaultValue(DocumentProperties.DEFAULT_MAX_SIZE) DataSize maxSize,
        @Pattern(regexp = DocumentKeys.KEY_ID_PATTERN, message = "must be 1 to 32 lowercase letters, digits or hyphens")
        String keyId,
        @Valid @NotNull @DefaultValue Clamd clamd) {

    static final String DEFAULT_MAX_SIZE = "5MB";

    @AssertTrue(message = "selfcare.purchase.document.max-size must be between 1KB and 20MB")
    boolean isMaxSizeInRange() {
        return maxSize == null || (maxSize.toBytes() >= 1024 && maxSize.toBytes() <= 20L * 1024 * 1024);
    }

    /**
     * The address of clamd: a TCP host and port, or a Unix socket. Neither means no scanner, which only the demo
     * profile accepts.
     *
     * @param host host name or address of clamd's TCP socket; default none
     * @param port port of clamd's TCP socket; default 3310
     * @param socket path of clamd's Unix socket, such as {@code /run/clamav/clamd.ctl}; default none
     * @param timeout longest time one scan may take, connecting included; default 30 seconds, 1 second to 5 minutes
     */
    public record Clamd(
            String host,
            @Min(1) @Max(65535) @DefaultValue("3310") int port,
            Path socket,
            @NotNull @DefaultValue("PT30S") Duration timeout) {

        /** Returns whether a host or a socket is set. */
        public boolean configured() {
            return hasHost() || socket != null;
        }

        boolean hasHost() {
            return host != null && !host.isBlank();
        }

        @AssertTrue(message = "set selfcare.purchase.document.clamd.host or .socket, not both")
        boolean isOneAddress() {
            return !(hasHost() && socket != null);
        }

        @AssertTrue(message = "selfcare.purchase.document.clamd.timeout must be between 1 second and 5 minutes")
        boolean isTimeoutInRange() {
            return timeout == null
                    || (timeout.compareTo(Duration.ofSeconds(1)) >= 0 && timeout.compareTo(Duration.ofMinutes(5)) <= 0);
        }
    }
}
