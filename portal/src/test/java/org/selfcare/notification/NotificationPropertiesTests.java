package org.selfcare.notification;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.selfcare.support.BoundProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationPropertiesTests {

    private final ApplicationContextRunner runner = BoundProperties.runner(Config.class);

    @Test
    void defaultsKeepFinishedRowsNinetyDays() {
        runner.run((context) -> {
            NotificationProperties properties = context.getBean(NotificationProperties.class);
            assertThat(properties.retention()).isEqualTo(Duration.ofDays(90));
            assertThat(properties.maxAge()).isEqualTo(Duration.ofHours(24));
            assertThat(properties.lease()).isEqualTo(Duration.ofMinutes(2));
        });
    }

    @Test
    void retentionInDaysIsRead() {
        runner.withPropertyValues("selfcare.notification.retention=30d").run((context) ->
                assertThat(context.getBean(NotificationProperties.class).retention()).isEqualTo(Duration.ofDays(30)));
    }

    @Test
    void retentionUnderOneDayIsRejected() {
        assertRejected("selfcare.notification.retention=PT12H", "must be between P1D and P3650D");
    }

    @Test
    void retentionOverTenYearsIsRejected() {
        assertRejected("selfcare.notification.retention=P4000D", "must be between P1D and P3650D");
    }

    @Test
    void shortLeaseIsRejected() {
        assertRejected("selfcare.notification.lease=PT5S", "must be between PT30S and PT1H");
    }

    private void assertRejected(String property, String reason) {
        BoundProperties.assertRejected(runner, reason, property);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotificationProperties.class)
    static class Config {
    }
}
