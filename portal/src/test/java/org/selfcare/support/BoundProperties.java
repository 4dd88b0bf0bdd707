package org.selfcare.support;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binds {@code @ConfigurationProperties} records with bean validation, as the portal does at start, for the tests
 * of their defaults and of the values they refuse.
 */
public final class BoundProperties {

    private BoundProperties() {
    }

    /** Returns a context runner with validation and {@code configuration}, which enables the records under test. */
    public static ApplicationContextRunner runner(Class<?> configuration) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(configuration);
    }

    /** Asserts that {@code runner} fails to start with {@code properties}, with {@code reason} in the root cause. */
    public static void assertRejected(ApplicationContextRunner runner, String reason, String... properties) {
        runner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(reason);
        });
    }
}
