package org.selfcare.purchase.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.stripe.exception.StripeException;
import jakarta.servlet.http.HttpServletRequest;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /payments/webhook}: the provider's webhook events. The signature is the authentication, so the
 * path has its own filter chain without session or CSRF token. A rejected event gets 400 with the reason and is
 * recorded as PAYMENT_NOTIFICATION_REJECTED; a provider that cannot be asked gets 503, so the event is sent again.
 */
@RestController
@ConditionalOnProperty(prefix = "selfcare.payment.provider", name = "api-base")
class PaymentWebhookController {

    static final String PATH = "/payments/webhook";

    private static final Logger logger = LoggerFactory.getLogger(PaymentWebhookController.class);

    /** Stripe's events are a few kilobytes; anything above this is not one. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final PaymentNotifications notifications;

    private final SecurityLog securityLog;

    private final MessageSource messages;

    private final Clock clock;

    PaymentWebhookController(PaymentNotifications notifications, SecurityLog securityLog, MessageSource messages,
            Clock clock) {
        this.notifications = notifications;
        this.securityLog = securityLog;
        this.messages = messages;
        this.clock = clock;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(
            @RequestHeader(name = "Stripe-Signature", required = false) String signature,
            HttpServletRequest request) throws IOException {
        // Read at most one byte past the limit, so an oversized body is never held in memory whole.
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length == 0) {
            return reject(new PaymentRejectedException(PaymentRejectedException.Reason.INVALID_PAYLOAD, null,
                    "The request has no body"), request);
        }
        if (body.length > MAX_BODY_BYTES) {
            return error(HttpStatus.CONTENT_TOO_LARGE, "payment.webhook.body-too-large", "body_too_large");
        }
        try {
            notifications.handle(new String(body, StandardCharsets.UTF_8), signature);
            return ResponseEntity.ok(Map.of("received", true));
        }
        catch (PaymentRejectedException ex) {
            return reject(ex, request);
        }
        catch (StripeException ex) {
            logger.warn("Confirming a payment event with the provider failed, the provider will send it again: {}"
                    + " (status {})", ex.getClass().getSimpleName(), ex.getStatusCode());
            return error(HttpStatus.SERVICE_UNAVAILABLE, "payment.webhook.provider-unavailable",
                    "provider_unavailable");
        }
    }

    private ResponseEntity<Map<String, Object>> reject(PaymentRejectedException rejection,
            HttpServletRequest request) {
        securityLog.record(new SecurityEvent(SecurityEventType.PAYMENT_NOTIFICATION_REJECTED, clock.instant(),
                rejection.subscriberId(), null, request.getRemoteAddr(), rejection.reason().code(),
                rejection.getMessage()));
        logger.warn("Rejected a payment event from {}: {} ({})", request.getRemoteAddr(), rejection.getMessage(),
                rejection.reason().code());
        return error(HttpStatus.BAD_REQUEST, rejection.reason().messageKey(), rejection.reason().code());
    }

    private ResponseEntity<Map<String, Object>> error(HttpStatus status, String messageKey, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", messages.getMessage(messageKey, null, LocaleContextHolder.getLocale()));
        body.put("errorId", UUID.randomUUID().toString());
        body.put("code", code);
        return ResponseEntity.status(status).header("Cache-Control", "no-store").body(body);
    }
}
