package org.selfcare.purchase.order;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.selfcare.purchase.ProviderUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns a refused order request into the portal's JSON error: the status, the explanation from the message
 * bundle, an error id for support, and the stable code clients act on.
 */
@RestControllerAdvice(assignableTypes = OrderApiController.class)
class OrderErrors {

    private static final Logger logger = LoggerFactory.getLogger(OrderErrors.class);

    private final MessageSource messages;

    OrderErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(OrderRefusedException.class)
    ResponseEntity<Map<String, Object>> refused(OrderRefusedException ex) {
        String errorId = UUID.randomUUID().toString();
        logger.info("Refused an order request errorId={} code={} reason={}", errorId, ex.code(), ex.messageKey());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ex.status().value());
        body.put("error", messages.getMessage(ex.messageKey(), ex.arguments().toArray(),
                LocaleContextHolder.getLocale()));
        body.put("errorId", errorId);
        body.put("code", ex.code());
        return ResponseEntity.status(ex.status()).cacheControl(CacheControl.noStore()).body(body);
    }

    /**
     * Answers 503 when the provider could not start the payment. The order stays unpaid and can be paid again or
     * from the balance.
     */
    @ExceptionHandler(ProviderUnavailableException.class)
    ResponseEntity<Map<String, Object>> providerUnavailable(ProviderUnavailableException ex) {
        String errorId = UUID.randomUUID().toString();
        logger.warn("The payment provider could not start a payment errorId={}: {}", errorId, ex.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
        body.put("error", messages.getMessage("purchase.error.provider-unavailable", null,
                LocaleContextHolder.getLocale()));
        body.put("errorId", errorId);
        body.put("code", "provider_unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).cacheControl(CacheControl.noStore()).body(body);
    }
}
