package org.selfcare.purchase.provider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentProviderPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @TempDir
    Path folder;

    @Test
    void defaultsConfigureNoProvider() {
        runner.run((context) -> {
            PaymentProviderProperties properties = context.getBean(PaymentProviderProperties.class);
            assertThat(properties.isConfigured()).isFalse();
            assertThat(properties.pollAfter()).isEqualTo(Duration.ofMinutes(2));
            assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.pollMaxDelay()).isEqualTo(Duration.ofMinutes(30));
        });
    }

    @Test
    void plainHttpApiBaseIsRejected() {
        assertRejected("must be an absolute https URL", "selfcare.payment.provider.api-base=http://127.0.0.1:12111",
                "selfcare.payment.provider.secret-key-file=/tmp/key",
                "selfcare.payment.provider.webhook-secret-file=/tmp/secret");
    }

    @Test
    void apiBaseWithoutSecretFilesIsRejected() {
        assertRejected("secret-key-file and webhook-secret-file are required",
                "selfcare.payment.provider.api-base=https://127.0.0.1:12111");
    }

    @Test
    void maxDelayBelowPollAfterIsRejected() {
        assertRejected("must not be shorter than poll-after", "selfcare.payment.provider.poll-after=PT10M",
                "selfcare.payment.provider.poll-max-delay=PT1M");
    }

    @Test
    void emptySecretFileIsRejected() throws Exception {
        Path empty = Files.writeString(folder.resolve("secret-key"), "\n");

        assertThatThrownBy(() -> PaymentProviderProperties.readSecret(empty, "secret-key-file"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void secretIsFirstLine() throws Exception {
        Path file = Files.writeString(folder.resolve("secret-key"), "sk_test_abc\nignored\n");

        assertThat(PaymentProviderProperties.readSecret(file, "secret-key-file")).isEqualTo("sk_test_abc");
    }

    private void assertRejected(String message, String... properties) {
        runner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(message);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PaymentProviderProperties.class)
    static class Config {
    }
}
