package org.selfcare.integrity;

import org.junit.jupiter.api.Test;
import org.selfcare.support.BoundProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrityPropertiesTests {

    private final ApplicationContextRunner runner = BoundProperties.runner(Config.class);

    @Test
    void defaultsAreTwoMinuteWindow() {
        runner.run((context) -> {
            IntegrityProperties properties = context.getBean(IntegrityProperties.class);
            assertThat(properties.requestWindow()).hasMinutes(2);
            assertThat(properties.nonceLifetime()).hasMinutes(4);
            assertThat(properties.nonceCleanupInterval()).hasMinutes(5);
            assertThat(properties.maxBodySize().toKilobytes()).isEqualTo(64);
        });
    }

    @Test
    void shortWindowIsRejected() {
        assertRejected("selfcare.integrity.request-window=PT4S", "must be between PT5S and PT30M");
    }

    @Test
    void zeroWindowIsRejected() {
        assertRejected("selfcare.integrity.request-window=0s", "must be between PT5S and PT30M");
    }

    @Test
    void longWindowIsRejected() {
        assertRejected("selfcare.integrity.request-window=PT31M", "must be between PT5S and PT30M");
    }

    @Test
    void zeroCleanupIntervalIsRejected() {
        assertRejected("selfcare.integrity.nonce-cleanup-interval=0s", "must be between PT1S and PT24H");
    }

    @Test
    void hugeBodyLimitIsRejected() {
        assertRejected("selfcare.integrity.max-body-size=2MB", "must be between 1B and 1MB");
    }

    @Test
    void zeroBodyLimitIsRejected() {
        assertRejected("selfcare.integrity.max-body-size=0B", "must be between 1B and 1MB");
    }

    private void assertRejected(String property, String reason) {
        BoundProperties.assertRejected(runner, reason, property);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IntegrityProperties.class)
    static class Config {
    }
}
