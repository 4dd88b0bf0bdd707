package org.selfcare.subscription;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns a rejected subscription request into the portal's JSON error: the status, the explanation from the
 * message bundle, an error id for support, and the stable code clients act on. The second authentication's own
 * rejections are rendered by the step-up module.
 */
@RestControllerAdvice(assignableTypes = SubscriptionApiController.class)
class SubscriptionErrors {

    private static final Logger logger = LoggerFactory.getLogger(SubscriptionErrors.class);

    private final MessageSource messages;

    SubscriptionErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(SubscriptionRefusedException.class)
    ResponseEntity<Map<String, Object>> refused(SubscriptionRefusedException ex) {
        String errorId = UUID.randomUUID().toString();
        logger.info("Rejected a subscription request errorId={} code={} reason={}", errorId, ex.code(),
                ex.messageKey());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ex.status().value());
        body.put("error", messages.getMessage(ex.messageKey(), ex.arguments().toArray(),
                LocaleContextHolder.getLocale()));
        body.put("code", ex.code());
        body.put("errorId", errorId);
        return ResponseEntity.status(ex.status()).cacheControl(CacheControl.noStore()).body(body);
    }
}
