package org.selfcare.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Settings shared by every part of the portal.
 *
 * @param dataDir folder for the embedded database, the generated keystore and other state that must survive
 *        restarts; default {@code ./data}
 * @param httpPort plain HTTP port that only redirects to HTTPS; default 8080, 0 picks a free port
 * @param defaultRegion ISO 3166 region used to read phone numbers written without a country code; default
 *        {@code GB}
 * @param embeddedDatabase the embedded PostgreSQL, used when {@code spring.datasource.url} is not set
 */
@Validated
@ConfigurationProperties("selfcare")
public record SelfcareProperties(
        @NotNull @DefaultValue("data") Path dataDir,
        @Min(0) @Max(65535) @DefaultValue("8080") int httpPort,
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter ISO 3166 region such as GB")
        @DefaultValue("GB") String defaultRegion,
        @Valid @NotNull @DefaultValue EmbeddedDatabase embeddedDatabase) {

    /**
     * The embedded PostgreSQL server.
     *
     * @param port TCP port on 127.0.0.1; default 0, a free port chosen at each start
     * @param maxPoolSize maximum connections the portal opens to it; default 10
     */
    public record EmbeddedDatabase(
            @Min(0) @Max(65535) @DefaultValue("0") int port,
            @Min(1) @Max(90) @DefaultValue("10") int maxPoolSize) {
    }
}
