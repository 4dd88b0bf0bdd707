package org.selfcare.subscription;

import org.selfcare.support.RecordingSecurityLog;
import org.selfcare.support.TestClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The context of the subscription tests: a clock they set and a security log they read.
 */
@TestConfiguration(proxyBeanMethods = false)
class SubscriptionTestConfig {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    @Primary
    RecordingSecurityLog recordingSecurityLog() {
        return new RecordingSecurityLog();
    }
}
