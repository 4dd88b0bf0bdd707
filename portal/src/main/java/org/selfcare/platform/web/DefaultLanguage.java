package org.selfcare.platform.web;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Makes {@code spring.web.locale}, the language of pages for browsers that send no {@code Accept-Language}, also
 * the language of texts written outside a request, such as the notices of the subscription renewal job. Without
 * it those texts would follow the JVM's default locale, which is a property of the server, not of the operator's
 * subscribers. Unset, both are English, the language of the bundled texts.
 */
@Configuration(proxyBeanMethods = false)
class DefaultLanguage {

    DefaultLanguage(@Value("${spring.web.locale:en}") Locale language) {
        LocaleContextHolder.setDefaultLocale(language);
    }
}
