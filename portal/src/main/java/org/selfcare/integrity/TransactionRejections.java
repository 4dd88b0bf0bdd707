package org.selfcare.integrity;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.SubscriberPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a transaction request whose encrypted body the portal cannot read with 400 and the code
 * {@code transaction_unreadable}, and records the refusal as a security event: a body that fails to decrypt was
 * changed on the way or made by something other than the portal's own page.
 */
@RestControllerAdvice(basePackages = "org.selfcare")
class TransactionRejections {

    static final String CODE = "transaction_unreadable";

    private static final Logger logger = LoggerFactory.getLogger(TransactionRejections.class);

    private final SecurityLog securityLog;

    private final Clock clock;

    TransactionRejections(SecurityLog securityLog, Clock clock) {
        this.securityLog = securityLog;
        this.clock = clock;
    }

    @ExceptionHandler(UnreadableTransactionException.class)
    ResponseEntity<Map<String, Object>> unreadable(UnreadableTransactionException ex, HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Long subscriberId = (authentication != null
                && authentication.getPrincipal() instanceof SubscriberPrincipal principal)
                ? principal.subscriberId() : null;
        securityLog.record(new SecurityEvent(SecurityEventType.TRANSACTION_REJECTED, clock.instant(), subscriberId,
                authentication == null ? null : authentication.getName(), request.getRemoteAddr(), "rejected",
                ex.getMessage() + " " + request.getMethod() + " " + request.getRequestURI()));

        String errorId = UUID.randomUUID().toString();
        logger.info("Refused an unreadable transaction errorId={} path={}", errorId, request.getRequestURI());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", HttpStatus.BAD_REQUEST.value());
        body.put("error", ex.getMessage());
        body.put("errorId", errorId);
        body.put("code", CODE);
        return ResponseEntity.badRequest().body(body);
    }
}
