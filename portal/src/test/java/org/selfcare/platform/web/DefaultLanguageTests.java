package org.selfcare.platform.web;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Texts written outside a request take the configured page language, not the JVM's default locale.
 */
class DefaultLanguageTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(DefaultLanguage.class);

    private Locale jvmDefault;

    private Locale holderDefault;

    @BeforeEach
    void rememberDefaults() {
        jvmDefault = Locale.getDefault();
        holderDefault = LocaleContextHolder.getLocale();
        LocaleContextHolder.resetLocaleContext();
        // Another test's application may have set it already; without a default the holder uses the JVM's.
        LocaleContextHolder.setDefaultLocale(null);
    }

    @AfterEach
    void restoreDefaults() {
        Locale.setDefault(jvmDefault);
        LocaleContextHolder.setDefaultLocale(holderDefault);
    }

    @Test
    void configuredLanguageApplies() {
        contexts.withPropertyValues("spring.web.locale=fr-FR")
                .run((context) -> assertThat(LocaleContextHolder.getLocale()).isEqualTo(Locale.FRANCE));
    }

    @Test
    void englishWithoutConfiguration() {
        Locale.setDefault(Locale.GERMANY);

        contexts.run((context) -> assertThat(LocaleContextHolder.getLocale()).isEqualTo(Locale.ENGLISH));
    }
}
