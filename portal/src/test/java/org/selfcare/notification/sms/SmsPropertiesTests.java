package org.selfcare.notification.sms;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.support.BoundProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsPropertiesTests {

    private final ApplicationContextRunner runner = BoundProperties.runner(Config.class);

    @TempDir
    Path folder;

    @Test
    void defaultsBindTransceiverWithWindowTen() {
        runner.run((context) -> {
            SmsProperties properties = context.getBean(SmsProperties.class);
            assertThat(properties.bindType()).isEqualTo(SmsProperties.BindType.TRANSCEIVER);
            assertThat(properties.window()).isEqualTo(10);
            assertThat(properties.port()).isEqualTo(2775);
            assertThat(properties.sourceTon()).isEqualTo(SmsProperties.SourceTon.ALPHANUMERIC);
            assertThat(properties.resolvePassword()).isEmpty();
        });
    }

    @Test
    void zeroWindowIsRejected() {
        assertRejected("selfcare.notification.sms.window=0", "must be between 1 and 100");
    }

    @Test
    void portOutOfRangeIsRejected() {
        assertRejected("selfcare.notification.sms.port=70000", "must be between 1 and 65535");
    }

    @Test
    void longPasswordIsRejected() {
        assertRejected("selfcare.notification.sms.password=123456789", "at most 8 characters");
    }

    @Test
    void longSystemIdIsRejected() {
        assertRejected("selfcare.notification.sms.system-id=a-very-long-system-id", "at most 15 characters");
    }

    @Test
    void passwordAndFileTogetherAreRejected() {
        assertRejected(new String[] { "selfcare.notification.sms.password=secret",
                "selfcare.notification.sms.password-file=/run/secrets/smpp" }, "must not both be set");
    }

    @Test
    void longAlphanumericSenderIsRejected() {
        assertRejected("selfcare.notification.sms.source-address=SelfcarePortal", "at most 11 characters");
    }

    @Test
    void lettersInNumericSenderAreRejected() {
        assertRejected(new String[] { "selfcare.notification.sms.source-ton=INTERNATIONAL",
                "selfcare.notification.sms.source-address=44Selfcare" }, "only digits");
    }

    @Test
    void unknownBindTypeIsRejected() {
        runner.withPropertyValues("selfcare.notification.sms.bind-type=RECEIVER")
                .run((context) -> assertThat(context).hasFailed());
    }

    @Test
    void reconnectMaxBelowMinIsRejected() {
        assertRejected(new String[] { "selfcare.notification.sms.reconnect-min-delay=PT10S",
                "selfcare.notification.sms.reconnect-max-delay=PT5S" }, "must not be shorter");
    }

    @Test
    void passwordFileIsRead() throws Exception {
        Path file = folder.resolve("smpp-password");
        Files.writeString(file, "s3cret\n");

        runner.withPropertyValues("selfcare.notification.sms.password-file=" + file).run((context) ->
                assertThat(context.getBean(SmsProperties.class).resolvePassword()).isEqualTo("s3cret"));
    }

    @Test
    void longPasswordInFileIsRejected() throws Exception {
        Path file = folder.resolve("smpp-password");
        Files.writeString(file, "much-too-long\n");

        runner.withPropertyValues("selfcare.notification.sms.password-file=" + file).run((context) ->
                assertThatThrownBy(() -> context.getBean(SmsProperties.class).resolvePassword())
                        .hasMessageContaining("at most 8"));
    }

    @Test
    void passwordIsNotInToString() {
        runner.withPropertyValues("selfcare.notification.sms.password=s3cret").run((context) ->
                assertThat(context.getBean(SmsProperties.class).toString()).doesNotContain("s3cret"));
    }

    private void assertRejected(String property, String reason) {
        assertRejected(new String[] { property }, reason);
    }

    private void assertRejected(String[] properties, String reason) {
        BoundProperties.assertRejected(runner, reason, properties);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SmsProperties.class)
    static class Config {
    }
}
