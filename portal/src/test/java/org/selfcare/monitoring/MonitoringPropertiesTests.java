package org.selfcare.monitoring;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.selfcare.support.BoundProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring settings: the documented defaults, and a refusal at start, naming the property, for every value
 * that would switch a detector off, make it fire on one event, or end a block before it starts.
 */
class MonitoringPropertiesTests {

    private final ApplicationContextRunner runner = BoundProperties.runner(Config.class);

    @Test
    void defaultsMatchDocumentation() {
        runner.run((context) -> {
            MonitoringProperties monitoring = context.getBean(MonitoringProperties.class);
            assertThat(monitoring.blockDuration()).isEqualTo(Duration.ofMinutes(30));
            assertThat(monitoring.riskDuration()).isEqualTo(Duration.ofHours(24));
            assertThat(monitoring.alertEmail()).isNull();
            assertThat(monitoring.pruneInterval()).isEqualTo(Duration.ofHours(1));

            OrderSurgeProperties surge = context.getBean(OrderSurgeProperties.class);
            assertThat(surge.window()).isEqualTo(Duration.ofHours(1));
            assertThat(surge.history()).isEqualTo(Duration.ofDays(7));
            assertThat(surge.warningCount()).isEqualTo(5);
            assertThat(surge.severeCount()).isEqualTo(10);
            assertThat(surge.factor()).isEqualTo(5.0);

            assertThat(context.getBean(PayCancelCyclesProperties.class))
                    .isEqualTo(new PayCancelCyclesProperties(Duration.ofHours(1), 3, 6));
            assertThat(context.getBean(UnpaidOrdersProperties.class))
                    .isEqualTo(new UnpaidOrdersProperties(Duration.ofHours(24), 5, 10));
            assertThat(context.getBean(SubscriptionSurgeProperties.class))
                    .isEqualTo(new SubscriptionSurgeProperties(Duration.ofHours(24), 3, 6));
            assertThat(context.getBean(SubscriptionChurnProperties.class))
                    .isEqualTo(new SubscriptionChurnProperties(Duration.ofHours(24), 2, 4));
            assertThat(context.getBean(CodeRequestsProperties.class))
                    .isEqualTo(new CodeRequestsProperties(Duration.ofHours(1), 6, 12));
            assertThat(context.getBean(ServiceVolumeProperties.class)).isEqualTo(
                    new ServiceVolumeProperties(Duration.ofHours(1), Duration.ofDays(7), 10, 30, 4.0, 10.0));
        });
    }

    @Test
    void stricterThresholdsAreAccepted() {
        runner.withPropertyValues("selfcare.monitoring.order-surge.warning-count=3",
                "selfcare.monitoring.order-surge.severe-count=4", "selfcare.monitoring.service-volume.warning-count=3",
                "selfcare.monitoring.alert-email=operations@example.org")
                .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void zeroThresholdIsRejected() {
        assertRejected("selfcare.monitoring.code-requests.warning-count=0", "must be between 2 and 1000");
    }

    @Test
    void unreachableThresholdIsRejected() {
        assertRejected("selfcare.monitoring.unpaid-orders.severe-count=1000000", "must be between 3 and 1000");
    }

    @Test
    void severeBelowWarningIsRejected() {
        assertRejected("selfcare.monitoring.pay-cancel-cycles.severe-count=3",
                "selfcare.monitoring.pay-cancel-cycles.severe-count (3) must be greater than "
                        + "selfcare.monitoring.pay-cancel-cycles.warning-count (3)");
    }

    @Test
    void tinyWindowIsRejected() {
        assertRejected("selfcare.monitoring.subscription-churn.window=PT1S", "must be between PT1M and P7D");
    }

    @Test
    void longWindowIsRejected() {
        assertRejected("selfcare.monitoring.subscription-surge.window=P8D", "must be between PT1M and P7D");
    }

    @Test
    void historyShorterThanWindowIsRejected() {
        assertRejected("selfcare.monitoring.order-surge.history=PT1H",
                "selfcare.monitoring.order-surge.history (PT1H) must be longer than "
                        + "selfcare.monitoring.order-surge.window (PT1H)");
    }

    @Test
    void factorBelowOneIsRejected() {
        assertRejected("selfcare.monitoring.service-volume.warning-factor=0.5", "must be between 1 and 100");
    }

    @Test
    void severeFactorBelowWarningFactorIsRejected() {
        assertRejected("selfcare.monitoring.service-volume.severe-factor=2",
                "selfcare.monitoring.service-volume.severe-factor (2.0) must be at least "
                        + "selfcare.monitoring.service-volume.warning-factor (4.0)");
    }

    @Test
    void zeroBlockIsRejected() {
        assertRejected("selfcare.monitoring.block-duration=0s", "must be between PT1M and PT24H");
    }

    @Test
    void riskShorterThanBlockIsRejected() {
        runner.withPropertyValues("selfcare.monitoring.block-duration=PT12H", "selfcare.monitoring.risk-duration=PT2H")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
                            "selfcare.monitoring.risk-duration (PT2H) must be longer than "
                                    + "selfcare.monitoring.block-duration (PT12H)");
                });
    }

    @Test
    void invalidAlertEmailIsRejected() {
        assertRejected("selfcare.monitoring.alert-email=operations", "must be an e-mail address");
    }

    @Test
    void textForNumberIsRejected() {
        runner.withPropertyValues("selfcare.monitoring.order-surge.warning-count=five").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("five");
        });
    }

    private void assertRejected(String property, String reason) {
        BoundProperties.assertRejected(runner, reason, property);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ MonitoringProperties.class, OrderSurgeProperties.class,
            PayCancelCyclesProperties.class, UnpaidOrdersProperties.class, SubscriptionSurgeProperties.class,
            SubscriptionChurnProperties.class, ServiceVolumeProperties.class, CodeRequestsProperties.class })
    static class Config {
    }
}
