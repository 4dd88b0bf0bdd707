package org.selfcare.identity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding and validation of {@code selfcare.captcha.*}, and the start-up warning for a test key.
 */
@ExtendWith(OutputCaptureExtension.class)
class CaptchaPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(CaptchaContext.class);

    @Test
    void defaultsHaveNoTestKey() {
        runner.run((context) -> assertThat(context.getBean(CaptchaProperties.class).testKey()).isNull());
    }

    @Test
    void defaultTtlIsTwoMinutes() {
        runner.run((context) -> assertThat(context.getBean(CaptchaProperties.class).ttl())
                .isEqualTo(Duration.ofMinutes(2)));
    }

    @Test
    void shortTestKeyFailsStartUp() {
        runner.withPropertyValues("selfcare.captcha.test-key=only-15-chars!!")
                .run((context) -> assertThat(context).getFailure()
                        .hasRootCauseInstanceOf(BindValidationException.class));
    }

    @Test
    void testKeyWithSpaceFailsStartUp() {
        runner.withPropertyValues("selfcare.captcha.test-key=sixteen chars and more")
                .run((context) -> assertThat(context).getFailure()
                        .hasRootCauseInstanceOf(BindValidationException.class));
    }

    @Test
    void longTtlFailsStartUp() {
        runner.withPropertyValues("selfcare.captcha.ttl=PT1H").run((context) -> assertThat(context).getFailure()
                        .hasRootCauseInstanceOf(BindValidationException.class));
    }

    @Test
    void testKeyIsRedactedInToString() {
        runner.withPropertyValues("selfcare.captcha.test-key=conformance-key-0123456789")
                .run((context) -> assertThat(context.getBean(CaptchaProperties.class).toString())
                        .doesNotContain("conformance-key-0123456789"));
    }

    @Test
    void testKeyIsAnnouncedAtStartUp(CapturedOutput output) {
        runner.withPropertyValues("selfcare.captcha.test-key=conformance-key-0123456789")
                .run((context) -> assertThat(context).hasNotFailed());

        assertThat(output).contains("WARN").contains("A CAPTCHA test key is configured");
    }

    @Test
    void noWarningWithoutTestKey(CapturedOutput output) {
        runner.run((context) -> assertThat(context).hasNotFailed());

        assertThat(output).doesNotContain("CAPTCHA test key");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CaptchaProperties.class)
    @Import({ CaptchaChallenges.class, CaptchaAnswers.class })
    static class CaptchaContext {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        CaptchaKeys captchaKeys() {
            return new CaptchaKeys("a secret of this test".getBytes(StandardCharsets.UTF_8));
        }
    }
}
