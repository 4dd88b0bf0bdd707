package org.selfcare.stepup;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfcare.account.Amount;
import org.selfcare.identity.SubscriberPrincipal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Answers the refusals of {@link OperationConfirmation} the same way for every feature's JSON API. It runs before
 * the features' own handlers, so none of them can turn a refusal into something else.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OperationConfirmationErrors {

    private final StepUpResponses responses;

    private final StepUpService stepUp;

    OperationConfirmationErrors(StepUpResponses responses, StepUpService stepUp) {
        this.responses = responses;
        this.stepUp = stepUp;
    }

    @ExceptionHandler(ConfirmationRequiredException.class)
    ResponseEntity<Map<String, Object>> required(ConfirmationRequiredException ex) {
        BoundOperation operation = ex.operation();
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("id", ex.operationId());
        pending.put("description", operation.description());
        pending.put("amount", Amount.of(operation.amount()));

        // The code first: it is the method every page offers, and the only one while the subscriber is at risk.
        List<String> methods = ex.methods().stream().sorted().map(ProofMethod::pathName).toList();
        String key = "stepup.required." + operation.purpose().pathName()
                + (ex.methods().contains(ProofMethod.SERVICE_PASSWORD) ? "" : ".code-only");
        return responses.error(HttpStatus.FORBIDDEN, "step_up_required", responses.text(key),
                Map.of("purpose", operation.purpose().pathName(), "operation", pending, "methods", methods));
    }

    @ExceptionHandler(ConfirmationRejectedException.class)
    ResponseEntity<Map<String, Object>> rejected() {
        return responses.error(HttpStatus.BAD_REQUEST, "proof_invalid", responses.text("stepup.proof-invalid"),
                Map.of());
    }

    @ExceptionHandler(OperationBlockedException.class)
    ResponseEntity<Map<String, Object>> blocked(OperationBlockedException ex) {
        return responses.error(HttpStatus.FORBIDDEN, "operation_blocked",
                responses.text("stepup.operation-blocked", LockEnd.format(ex.blockedUntil(), zone())),
                Map.of("blockedUntil", ex.blockedUntil().toString()));
    }

    @ExceptionHandler(ConfirmationLockedException.class)
    ResponseEntity<Map<String, Object>> locked(ConfirmationLockedException ex, HttpServletRequest request) {
        ZoneId zone = zone();
        stepUp.endSession(request);
        return responses.error(HttpStatus.LOCKED, "account_locked",
                responses.text("stepup.locked", LockEnd.format(ex.lockedUntil(), zone)),
                Map.of("lockedUntil", ex.lockedUntil().toString()));
    }

    private static ZoneId zone() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return (authentication != null && authentication.getPrincipal() instanceof SubscriberPrincipal principal)
                ? principal.timeZone() : ZoneId.of("UTC");
    }
}
