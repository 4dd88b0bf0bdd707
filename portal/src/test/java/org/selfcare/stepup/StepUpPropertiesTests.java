package org.selfcare.stepup;

import org.junit.jupiter.api.Test;
import org.selfcare.support.BoundProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class StepUpPropertiesTests {

    private final ApplicationContextRunner runner = BoundProperties.runner(Config.class);

    @Test
    void defaultsMatchDocumentedValues() {
        runner.run((context) -> {
            StepUpProperties properties = context.getBean(StepUpProperties.class);
            assertThat(properties.codeLifetime()).hasMinutes(5);
            assertThat(properties.lifetimeOf(Purpose.CALL_RECORDS)).hasMinutes(10);
            assertThat(properties.sendLimits().numberPerMinute()).isEqualTo(1);
            assertThat(properties.sendLimits().numberPerHour()).isEqualTo(5);
            assertThat(properties.sendLimits().numberPerDay()).isEqualTo(10);
            assertThat(properties.sendLimits().sessionPerHour()).isEqualTo(5);
            assertThat(properties.sendLimits().addressPerHour()).isEqualTo(30);
        });
    }

    @Test
    void proofLifetimeIsConfigurablePerPurpose() {
        runner.withPropertyValues("selfcare.stepup.proof-lifetime.call-records=PT30M").run((context) -> {
            StepUpProperties properties = context.getBean(StepUpProperties.class);
            assertThat(properties.lifetimeOf(Purpose.CALL_RECORDS)).hasMinutes(30);
        });
    }

    @Test
    void zeroProofLifetimeIsRejected() {
        assertRejected("selfcare.stepup.proof-lifetime.call-records=0s", "must be between PT1M and PT8H");
    }

    @Test
    void negativeProofLifetimeIsRejected() {
        assertRejected("selfcare.stepup.proof-lifetime.call-records=-PT10M", "must be between PT1M and PT8H");
    }

    @Test
    void absurdProofLifetimeIsRejected() {
        assertRejected("selfcare.stepup.proof-lifetime.call-records=P30D", "must be between PT1M and PT8H");
    }

    @Test
    void longCodeLifetimeIsRejected() {
        assertRejected("selfcare.stepup.code-lifetime=PT16M", "must be between PT1M and PT15M");
    }

    @Test
    void zeroSendLimitIsRejected() {
        assertRejected("selfcare.stepup.send-limits.number-per-minute=0", "must be between 1 and 1000");
    }

    @Test
    void negativeSendLimitIsRejected() {
        assertRejected("selfcare.stepup.send-limits.session-per-hour=-1", "must be between 1 and 1000");
    }

    @Test
    void absurdAddressLimitIsRejected() {
        assertRejected("selfcare.stepup.send-limits.address-per-hour=1000000", "must be between 1 and 100000");
    }

    private void assertRejected(String property, String reason) {
        BoundProperties.assertRejected(runner, reason, property);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StepUpProperties.class)
    static class Config {
    }
}
