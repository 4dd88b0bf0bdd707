package org.selfcare.purchase.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * The payment provider, reached with stripe-java. Without {@code api-base} no provider is configured and orders
 * are paid with store credit only.
 *
 * @param apiBase the provider's API base URL, such as {@code https://api.stripe.com}; https only
 * @param secretKeyFile file whose first line is the secret API key; required with {@code api-base}
 * @param webhookSecretFile file whose first line is the webhook signing secret; required with {@code api-base}
 * @param trustCertificate PEM file with the certificates the provider's chain must end in. Set it for a
 *        provider with a private CA or a self-signed certificate; default: the JVM's trust store
 * @param pollAfter how long a started payment waits for a verified notification before the poller asks the
 *        provider; default 2 minutes
 * @param pollInterval how often the poller looks for such payments; default 30 seconds
 * @param pollMaxDelay the upper bound of the poller's backoff, which doubles from {@code poll-after} after each
 *        unanswered query; default 30 minutes
 * @param connectTimeout time to connect to the provider; default 5 seconds
 * @param readTimeout time to wait for the provider's response; default 20 seconds
 */
@Validated
@ConfigurationProperties("selfcare.payment.provider")
public record PaymentProviderProperties(
        URI apiBase,
        Path secretKeyFile,
        Path webhookSecretFile,
        Path trustCertificate,
        @NotNull @DurationMin(millis = 100, message = "must be between PT0.1S and PT1H (100 milliseconds to 1 hour)")
        @DurationMax(hours = 1, message = "must be between PT0.1S and PT1H (100 milliseconds to 1 hour)")
        @DefaultValue("PT2M") Duration pollAfter,
        @NotNull @DurationMin(millis = 100, message = "must be between PT0.1S and PT1H (100 milliseconds to 1 hour)")
        @DurationMax(hours = 1, message = "must be between PT0.1S and PT1H (100 milliseconds to 1 hour)")
        @DefaultValue("PT30S") Duration pollInterval,
        @NotNull @DurationMin(millis = 100, message = "must be between PT0.1S and PT24H (100 milliseconds to 1 day)")
        @DurationMax(hours = 24, message = "must be between PT0.1S and PT24H (100 milliseconds to 1 day)")
        @DefaultValue("PT30M") Duration pollMaxDelay,
        @NotNull @DurationMin(millis = 100, message = "must be between PT0.1S and PT1M (100 milliseconds to 1 minute)")
        @DurationMax(minutes = 1, message = "must be between PT0.1S and PT1M (100 milliseconds to 1 minute)")
        @DefaultValue("PT5S") Duration connectTimeout,
        @NotNull @DurationMin(millis = 100, message = "must be between PT0.1S and PT2M (100 milliseconds to 2 minutes)")
        @DurationMax(minutes = 2, message = "must be between PT0.1S and PT2M (100 milliseconds to 2 minutes)")
        @DefaultValue("PT20S") Duration readTimeout) {

    /** Returns whether a provider is configured. */
    public boolean isConfigured() {
        return apiBase != null;
    }

    @AssertTrue(message = "selfcare.payment.provider.api-base must be an absolute https URL without a path, such as "
            + "https://api.stripe.com")
    boolean isApiBaseValid() {
        return apiBase == null || ("https".equals(apiBase.getScheme()) && apiBase.getHost() != null
                && (apiBase.getRawPath() == null || apiBase.getRawPath().isEmpty() || apiBase.getRawPath().equals("/"))
                && apiBase.getRawQuery() == null && apiBase.getRawUserInfo() == null);
    }

    @AssertTrue(message = "selfcare.payment.provider.secret-key-file and webhook-secret-file are required when "
            + "api-base is set")
    boolean isSecretFilesSet() {
        return apiBase == null || (secretKeyFile != null && webhookSecretFile != null);
    }

    @AssertTrue(message = "selfcare.payment.provider.poll-max-delay must not be shorter than poll-after")
    boolean isPollDelayRangeValid() {
        return pollAfter == null || pollMaxDelay == null || pollMaxDelay.compareTo(pollAfter) >= 0;
    }

    /** Returns {@code api-base} without a trailing slash, as stripe-java expects. */
    String apiBaseUrl() {
        String base = apiBase.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * Returns the first line of a secret file.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when its first line is empty
     */
    static String readSecret(Path file, String property) {
        String firstLine;
        try {
            firstLine = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read selfcare.payment.provider." + property + " " + file
                    + ": check that it exists and the portal may read it", ex);
        }
        if (firstLine.isEmpty()) {
            throw new IllegalArgumentException("selfcare.payment.provider." + property + " " + file
                    + " is empty: write the secret on its first line");
        }
        return firstLine;
    }
}
