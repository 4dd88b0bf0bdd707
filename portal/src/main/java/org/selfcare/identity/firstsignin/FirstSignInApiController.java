package org.selfcare.identity.firstsignin;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.identity.password.PasswordChange;
import org.selfcare.identity.password.PasswordMessages;
import org.selfcare.identity.password.PasswordPolicy;
import org.selfcare.identity.password.PasswordRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The first sign-in's JSON API, open only to a subscriber signed in with the initial password:
 * {@code POST /api/v1/first-sign-in/code} sends a one-time code when a code method is offered,
 * {@code POST /api/v1/first-sign-in/verify} checks the identity, and {@code POST /api/v1/first-sign-in/password}
 * sets the new password once the check passed in this session. Like every POST they need the CSRF token.
 */
@RestController
class FirstSignInApiController {

    /** Largest request body read. Every member at its maximum length fits even when fully escaped. */
    static final int MAX_BODY_BYTES = 8 * 1024;

    private static final Logger logger = LoggerFactory.getLogger(FirstSignInApiController.class);

    private final FirstSignIn firstSignIn;

    private final FirstSignInSession session;

    private final PasswordChange passwordChange;

    private final PasswordMessages passwordMessages;

    private final MessageSource messages;

    private final ObjectMapper json;

    FirstSignInApiController(FirstSignIn firstSignIn, FirstSignInSession session, PasswordChange passwordChange,
            PasswordMessages passwordMessages, MessageSource messages, ObjectMapper json) {
        this.firstSignIn = firstSignIn;
        this.session = session;
        this.passwordChange = passwordChange;
        this.passwordMessages = passwordMessages;
        this.messages = messages;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/first-sign-in/code", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> sendCode(@AuthenticationPrincipal SubscriberPrincipal principal,
            HttpServletRequest request) {
        var method = firstSignIn.codeMethod();
        if (method.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, text("first-sign-in.method-unavailable"), "method_unavailable");
        }
        CodeSending result = method.get().sendCode(firstSignIn.subscriber(principal.subscriberId()),
                request.getRemoteAddr());
        if (result instanceof CodeSending.Sent sent) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .cacheControl(CacheControl.noStore())
                    .body(Map.of("expiresAt", sent.expiresAt().toString()));
        }
        long seconds = Math.max(1, ((CodeSending.RateLimited) result).retryAfter().toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .cacheControl(CacheControl.noStore())
                .body(errorBody(HttpStatus.TOO_MANY_REQUESTS, text("first-sign-in.code-rate-limited", seconds),
                        "code_rate_limited"));
    }

    @PostMapping(path = "/api/v1/first-sign-in/verify", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> verify(@AuthenticationPrincipal SubscriberPrincipal principal,
            HttpServletRequest request) throws IOException {
        JsonNode body = readObject(request);
        if (body == null) {
            return error(HttpStatus.BAD_REQUEST, text("first-sign-in.input.invalid-json"), "input_invalid");
        }
        JsonNode methodNode = body.get("method");
        String methodName = (methodNode != null && methodNode.isString()) ? methodNode.stringValue() : null;
        var method = firstSignIn.method(methodName);
        if (method.isEmpty()) {
            return unknownMethod(methodName);
        }
        Map<String, String> fields = stringMembers(body, method.get().fields());
        if (fields == null) {
            return error(HttpStatus.BAD_REQUEST, text("first-sign-in.input.invalid-json"), "input_invalid");
        }

        Verification result = firstSignIn.verify(principal.subscriberId(), methodName, fields,
                request.getRemoteAddr());
        if (result instanceof Verification.Verified) {
            session.markVerified(request, principal);
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("next", "password"));
        }
        if (result instanceof Verification.Locked locked) {
            return locked(request, locked.lockedUntil());
        }
        if (result instanceof Verification.InvalidInput invalid) {
            return error(HttpStatus.BAD_REQUEST, text(invalid.messageKey()), "input_invalid");
        }
        if (result instanceof Verification.UnknownMethod) {
            return unknownMethod(methodName);
        }
        return error(HttpStatus.BAD_REQUEST, text("first-sign-in.proof-invalid"), "proof_invalid");
    }

    @PostMapping(path = "/api/v1/first-sign-in/password", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> password(@AuthenticationPrincipal SubscriberPrincipal principal,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!session.isVerified(request, principal)) {
            return error(HttpStatus.FORBIDDEN, text("first-sign-in.identity-check-required"),
                    "identity_check_required");
        }
        JsonNode body = readObject(request);
        Map<String, String> fields = (body != null) ? stringMembers(body, List.of("newPassword")) : null;
        if (fields == null) {
            return error(HttpStatus.BAD_REQUEST, text("first-sign-in.input.invalid-json"), "input_invalid");
        }
        String newPassword = fields.get("newPassword");
        if (newPassword == null || newPassword.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, passwordMessages.text("password.input.new-missing"), "input_invalid");
        }
        if (newPassword.codePointCount(0, newPassword.length()) > PasswordPolicy.MAX_LENGTH) {
            return error(HttpStatus.BAD_REQUEST, passwordMessages.text("password.input.too-long"), "input_invalid");
        }

        PasswordChange.Outcome outcome = passwordChange.replaceInitialPassword(principal.subscriberId(), newPassword,
                request.getRemoteAddr());
        return switch (outcome.status()) {
            case CHANGED -> {
                session.completeSignIn(request, response, principal);
                yield ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("next", "done"));
            }
            case POLICY_BROKEN -> policyBroken(outcome.brokenRules());
            case NOT_PROVISIONED, WRONG_CURRENT_PASSWORD -> {
                // The first sign-in finished in another request, so this session must sign in again with the new
                // password instead of being upgraded without it.
                session.end(request);
                yield error(HttpStatus.CONFLICT, text("first-sign-in.already-finished"), "first_sign_in_finished");
            }
        };
    }

    private ResponseEntity<Map<String, Object>> locked(HttpServletRequest request, Instant lockedUntil) {
        session.end(request);
        Map<String, Object> body = errorBody(HttpStatus.LOCKED, text("first-sign-in.locked"), "account_locked");
        body.put("lockedUntil", lockedUntil.toString());
        return ResponseEntity.status(HttpStatus.LOCKED).cacheControl(CacheControl.noStore()).body(body);
    }

    private ResponseEntity<Map<String, Object>> unknownMethod(String methodName) {
        if ("sms-code".equals(methodName)) {
            return error(HttpStatus.BAD_REQUEST, text("first-sign-in.method-unavailable"), "method_unavailable");
        }
        return error(HttpStatus.BAD_REQUEST,
                text("first-sign-in.method-invalid", String.join(", ", firstSignIn.methodNames())), "method_invalid");
    }

    private ResponseEntity<Map<String, Object>> policyBroken(List<PasswordRule> broken) {
        Map<String, Object> body = errorBody(HttpStatus.UNPROCESSABLE_CONTENT,
                passwordMessages.text("password.policy-broken"), "password_policy");
        List<String> texts = passwordMessages.rules(broken);
        List<Map<String, String>> violations = new ArrayList<>();
        for (int i = 0; i < broken.size(); i++) {
            violations.add(Map.of("rule", broken.get(i).code(), "message", texts.get(i)));
        }
        body.put("violations", violations);
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).cacheControl(CacheControl.noStore()).body(body);
    }

    /**
     * Reads the body with a size limit and returns it when it is a JSON object, else {@code null}.
     */
    private JsonNode readObject(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return null;
        }
        try {
            JsonNode tree = json.readTree(body);
            return (tree != null && tree.isObject()) ? tree : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    /**
     * Returns the named members of {@code body} that are strings, with absent or null members left out, or
     * {@code null} when a named member has another JSON type.
     */
    private static Map<String, String> stringMembers(JsonNode body, List<String> names) {
        Map<String, String> values = new HashMap<>();
        for (String name : names) {
            JsonNode node = body.get(name);
            if (node == null || node.isNull()) {
                continue;
            }
            if (!node.isString()) {
                return null;
            }
            values.put(name, node.stringValue());
        }
        return values;
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, String code) {
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .body(errorBody(status, message, code));
    }

    private static Map<String, Object> errorBody(HttpStatus status, String message, String code) {
        String errorId = UUID.randomUUID().toString();
        logger.debug("First sign-in request rejected errorId={} status={} code={}", errorId, status.value(), code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", message);
        body.put("code", code);
        body.put("errorId", errorId);
        return body;
    }
}
