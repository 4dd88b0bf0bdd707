package org.selfcare.identity;

import org.junit.jupiter.api.Test;
import org.selfcare.support.BoundProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LockoutPropertiesTests {

    private final ApplicationContextRunner runner = BoundProperties.runner(Config.class);

    @Test
    void defaultsAreThreeFailuresForFiveMinutes() {
        runner.run((context) -> {
            LockoutProperties properties = context.getBean(LockoutProperties.class);
            assertThat(properties.maxFailures()).isEqualTo(3);
            assertThat(properties.duration()).hasMinutes(5);
            assertThat(properties.maxIdentifiersPerAddress()).isEqualTo(10);
            assertThat(properties.addressWindow()).hasMinutes(10);
        });
    }

    @Test
    void oneMinuteLockIsAccepted() {
        runner.withPropertyValues("selfcare.lockout.duration=PT1M")
                .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void zeroFailuresAreRejected() {
        assertRejected("selfcare.lockout.max-failures=0", "must be between 1 and 20");
    }

    @Test
    void manyFailuresAreRejected() {
        assertRejected("selfcare.lockout.max-failures=21", "must be between 1 and 20");
    }

    @Test
    void shortLockIsRejected() {
        assertRejected("selfcare.lockout.duration=PT59S", "must be between PT1M and PT24H");
    }

    @Test
    void zeroLockIsRejected() {
        assertRejected("selfcare.lockout.duration=0s", "must be between PT1M and PT24H");
    }

    @Test
    void longLockIsRejected() {
        assertRejected("selfcare.lockout.duration=PT25H", "must be between PT1M and PT24H");
    }

    @Test
    void zeroIdentifiersPerAddressAreRejected() {
        assertRejected("selfcare.lockout.max-identifiers-per-address=0", "must be between 1 and 10000");
    }

    @Test
    void shortAddressWindowIsRejected() {
        assertRejected("selfcare.lockout.address-window=PT10S", "must be between PT1M and PT24H");
    }

    @Test
    void textForNumberIsRejected() {
        runner.withPropertyValues("selfcare.lockout.max-failures=three").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("three");
        });
    }

    private void assertRejected(String property, String reason) {
        BoundProperties.assertRejected(runner, reason, property);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LockoutProperties.class)
    static class Config {
    }
}
