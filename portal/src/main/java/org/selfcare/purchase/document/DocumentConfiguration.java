package org.selfcare.purchase.document;

import java.util.Optional;

import jakarta.servlet.MultipartConfigElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.ITemplateEngine;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.unit.DataSize;

/**
 * The upload's virus scanner, the multipart limits of the whole portal, and the filter that rejects oversized
 * uploads.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class DocumentConfiguration {

    /** Room in a multipart body for the part headers and the CSRF field beside the file. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private static final Logger logger = LoggerFactory.getLogger(DocumentConfiguration.class);

    /**
     * Returns clamd when it is configured. Without it the portal does not start, except with the demo profile,
     * which accepts uploads unscanned so that the demo runs on a machine without ClamAV.
     */
    @Bean
    VirusScanner virusScanner(DocumentProperties properties, Environment environment) {
        if (properties.clamd().configured()) {
            ClamdScanner scanner = new ClamdScanner(properties.clamd());
            logger.info("Identity documents are scanned by clamd at {}", scanner.description());
            return scanner;
        }
        if (!environment.acceptsProfiles(Profiles.of("demo"))) {
            throw new IllegalStateException("No virus scanner for identity documents: set "
                    + "selfcare.purchase.document.clamd.socket (such as /run/clamav/clamd.ctl) or "
                    + "selfcare.purchase.document.clamd.host and .port to a running ClamAV clamd");
        }
        logger.warn("No clamd configured: the demo accepts identity documents WITHOUT a virus scan. Set "
                + "selfcare.purchase.document.clamd.socket or .host to scan them");
        return (content) -> Optional.empty();
    }

    /**
     * Sets the multipart limits from the document size, in place of Spring Boot's defaults. Parts stay in memory
     * up to the limit, so no unencrypted copy of a document is written to a temporary file.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(Environment environment) {
        long maxFile = maxSize(environment).toBytes();
        return new MultipartConfigElement("", maxFile, maxFile + MULTIPART_OVERHEAD,
                (int) Math.min(Integer.MAX_VALUE, maxFile + MULTIPART_OVERHEAD + 1));
    }

    /** Runs before Spring Security's filters, whose CSRF check reads the multipart body. */
    @Bean
    FilterRegistrationBean<UploadSizeFilter> uploadSizeFilter(Environment environment,
            ObjectProvider<DocumentResponses> responses, ObjectProvider<DocumentUpload> uploads, ObjectMapper json,
            ITemplateEngine templates) {
        UploadSizeFilter filter = new UploadSizeFilter(maxSize(environment).toBytes() + MULTIPART_OVERHEAD,
                responses, uploads, json, templates);
        FilterRegistrationBean<UploadSizeFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(UploadSizeFilter.PATH);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /**
     * Reads the size limit straight from the environment. The web server and its filters are created before the
     * other beans, and binding all of {@link DocumentProperties} that early would miss properties that tests add
     * later, such as clamd's port.
     */
    private static DataSize maxSize(Environment environment) {
        return Binder.get(environment).bind("selfcare.purchase.document.max-size", DataSize.class)
                .orElse(DataSize.parse(DocumentProperties.DEFAULT_MAX_SIZE));
    }
}
