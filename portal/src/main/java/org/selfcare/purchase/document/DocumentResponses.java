package org.selfcare.purchase.document;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.selfcare.purchase.document.DocumentRejectedException.Rejection;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The texts and JSON bodies of upload responses: errors in the portal's shape ({@code status}, {@code error} in
 * plain words from messages.properties, {@code code}, {@code errorId}).
 */
@Component
class DocumentResponses {

    private static final Logger logger = LoggerFactory.getLogger(DocumentResponses.class);

    private final MessageSource messages;

    private final DocumentProperties properties;

    DocumentResponses(MessageSource messages, DocumentProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    /** Returns whether the client asked for JSON, as scripts do, rather than a page. */
    static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch((type) -> !type.isWildcardSubtype()
                    && MediaType.APPLICATION_JSON.isCompatibleWith(type));
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    String text(Rejection rejection) {
        return text(rejection.messageKey(), maxMegabytes());
    }

    /** Returns the size limit in megabytes as people write it: 5 for 5 MB, 0.5 for 512 KB. */
    String maxMegabytes() {
        return BigDecimal.valueOf(properties.maxSize().toBytes())
                .divide(BigDecimal.valueOf(1024L * 1024), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    Map<String, Object> errorBody(Rejection rejection) {
        String errorId = UUID.randomUUID().toString();
        logger.debug("Identity document upload rejected errorId={} code={}", errorId, rejection.code());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", rejection.status().value());
        body.put("error", text(rejection));
        body.put("code", rejection.code());
        body.put("errorId", errorId);
        return body;
    }
}
