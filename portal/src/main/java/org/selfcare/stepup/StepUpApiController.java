package org.selfcare.stepup;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.selfcare.identity.SubscriberPrincipal;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The step-up JSON API: {@code POST /api/v1/stepup/code} sends an SMS code, {@code POST /api/v1/stepup/verify} checks
 * a code or the service password and stores a proof in the session. Like every POST they need the CSRF token.
 */
@RestController
class StepUpApiController {

    private final StepUpService stepUp;

    private final StepUpRequestReader reader;

    private final StepUpResponses responses;

    StepUpApiController(StepUpService stepUp, StepUpRequestReader reader, StepUpResponses responses) {
        this.stepUp = stepUp;
        this.reader = reader;
        this.responses = responses;
    }

    @PostMapping(path = "/api/v1/stepup/code", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> sendCode(@AuthenticationPrincipal SubscriberPrincipal principal,
            HttpServletRequest request) throws IOException {
        Map<String, String> body;
        Purpose purpose;
        BoundOperation operation = null;
        try {
            body = reader.read(request, List.of("purpose", "operation", "captchaId", "captcha"));
            if (body.containsKey("operation")) {
                operation = pendingOperation(request, body);
                purpose = operation.purpose();
            }
            else {
                purpose = purpose(body);
            }
        }
        catch (StepUpRequestReader.InvalidRequestException ex) {
            return invalidRequest(ex);
        }

        StepUpService.SendResult result = stepUp.sendCode(principal, request.getSession(), purpose, operation,
                body.get("captchaId"), body.get("captcha"), request.getRemoteAddr());
        if (result instanceof StepUpService.Sent sent) {
            return responses.ok(HttpStatus.ACCEPTED,
                    Map.of("purpose", purpose.pathName(), "expiresAt", sent.expiresAt().toString()));
        }
        if (result instanceof StepUpService.CaptchaRequired required) {
            return responses.error(HttpStatus.BAD_REQUEST, "captcha_required", responses.text("stepup.captcha-required"),
                    captcha(required.captchaId()));
        }
        if (result instanceof StepUpService.CaptchaInvalid invalid) {
            return responses.error(HttpStatus.BAD_REQUEST, "captcha_invalid", responses.text("stepup.captcha-invalid"),
                    captcha(invalid.captchaId()));
        }
        StepUpService.RateLimited limited = (StepUpService.RateLimited) result;
        long seconds = RetryAfter.seconds(limited.retryAfter());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(responses.errorBody(HttpStatus.TOO_MANY_REQUESTS, "code_rate_limited",
                        responses.text("stepup.rate-limited", RetryAfter.minutes(limited.retryAfter())), Map.of()));
    }

    @PostMapping(path = "/api/v1/stepup/verify", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> verify(@AuthenticationPrincipal SubscriberPrincipal principal,
            HttpServletRequest request) throws IOException {
        Purpose purpose;
        ProofMethod method;
        String secret;
        try {
            Map<String, String> body = reader.read(request, List.of("purpose", "method", "secret"));
            purpose = purpose(body);
            method = ProofMethod.fromPathName(required(body, "method"))
                    .orElseThrow(() -> new StepUpRequestReader.InvalidRequestException("stepup.input.unknown-method"));
            secret = required(body, "secret");
        }
        catch (StepUpRequestReader.InvalidRequestException ex) {
            return invalidRequest(ex);
        }

        StepUpService.VerifyResult result = stepUp.verify(principal, request.getSession(), purpose, method, secret,
                request.getRemoteAddr());
        if (result instanceof StepUpService.Verified verified) {
            return responses.ok(HttpStatus.OK,
                    Map.of("purpose", purpose.pathName(), "validUntil", verified.validUntil().toString()));
        }
        if (result instanceof StepUpService.Locked locked) {
            stepUp.endSession(request);
            return responses.error(HttpStatus.LOCKED, "account_locked",
                    responses.text("stepup.locked", LockEnd.format(locked.lockedUntil(), principal.timeZone())),
                    Map.of("lockedUntil", locked.lockedUntil().toString()));
        }
        return responses.error(HttpStatus.BAD_REQUEST, "proof_invalid", responses.text("stepup.proof-invalid"),
                Map.of());
    }

    /**
     * Finds the operation the body names, which must wait in this session for a confirmation of the body's purpose.
     */
    private BoundOperation pendingOperation(HttpServletRequest request, Map<String, String> body) {
        Purpose purpose = Purpose.confirmedPerOperation(required(body, "purpose"))
                .orElseThrow(() -> new StepUpRequestReader.InvalidRequestException("stepup.input.unknown-purpose"));
        return stepUp.pendingOperation(request.getSession(), body.get("operation"))
                .filter((operation) -> operation.purpose() == purpose)
                .orElseThrow(() -> new StepUpRequestReader.InvalidRequestException("stepup.input.unknown-operation"));
    }

    private static Purpose purpose(Map<String, String> body) {
        return Purpose.fromPathName(required(body, "purpose"))
                .orElseThrow(() -> new StepUpRequestReader.InvalidRequestException("stepup.input.unknown-purpose"));
    }

    private static String required(Map<String, String> body, String field) {
        String value = body.get(field);
        if (value == null || value.isBlank()) {
            throw new StepUpRequestReader.InvalidRequestException("stepup.input.missing", field);
        }
        return value;
    }

    private static Map<String, Object> captcha(String captchaId) {
        return Map.of("captchaId", captchaId, "captchaImage", StepUpPageController.CAPTCHA_PATH);
    }

    private ResponseEntity<Map<String, Object>> invalidRequest(StepUpRequestReader.InvalidRequestException ex) {
        return responses.error(HttpStatus.BAD_REQUEST, "invalid_request", responses.text(ex.messageKey(),
                ex.arguments()), Map.of());
    }

    /**
     * Converts a wait into the whole seconds of a {@code Retry-After} header and the whole minutes of a message,
     * both rounded up so a client that waits that long is not rejected again for the same limit.
     */
    static final class RetryAfter {

        private RetryAfter() {
        }

        static long seconds(Duration wait) {
            return Math.max(1, (wait.toMillis() + 999) / 1000);
        }

        static long minutes(Duration wait) {
            return Math.max(1, (seconds(wait) + 59) / 60);
        }
    }
}
