package org.selfcare.stepup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Builds the step-up API's JSON responses: errors in the portal's shape ({@code status}, {@code error} from the message
 * bundle, {@code errorId}) with a stable {@code code} and any further members.
 */
@Component
class StepUpResponses {

    private static final Logger logger = LoggerFactory.getLogger(StepUpResponses.class);

    private final MessageSource messages;

    StepUpResponses(MessageSource messages) {
        this.messages = messages;
    }

    String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    Map<String, Object> errorBody(HttpStatus status, String code, String message, Map<String, Object> extra) {
        String errorId = UUID.randomUUID().toString();
        logger.debug("Step-up request rejected errorId={} status={} code={}", errorId, status.value(), code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", message);
        body.put("code", code);
        body.putAll(extra);
        body.put("errorId", errorId);
        return body;
    }

    ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String message,
            Map<String, Object> extra) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .body(errorBody(status, code, message, extra));
    }

    ResponseEntity<Map<String, Object>> ok(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }
}
