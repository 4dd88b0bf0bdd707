package org.selfcare.identity.password;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.selfcare.identity.SubscriberPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/password} with {@code {"currentPassword": "...", "newPassword": "..."}}: changes the
 * signed-in subscriber's password. Like every POST it needs the CSRF token, sent in the {@code X-CSRF-TOKEN}
 * header; pages carry the token in their {@code _csrf} meta element.
 */
@RestController
class PasswordApiController {

    /** Largest request body read; two passwords of 128 characters fit even when every character is escaped. */
    static final int MAX_BODY_BYTES = 8 * 1024;

    private static final Logger logger = LoggerFactory.getLogger(PasswordApiController.class);

    private final PasswordChange passwordChange;

    private final PasswordMessages messages;

    private final ObjectMapper json;

    PasswordApiController(PasswordChange passwordChange, PasswordMessages messages, ObjectMapper json) {
        this.passwordChange = passwordChange;
        this.messages = messages;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/password", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> change(@AuthenticationPrincipal SubscriberPrincipal principal,
            HttpServletRequest request) throws IOException {
        // The body is read with a limit and parsed here, so an oversized body or a value of the wrong JSON type
        // gets a plain 400 instead of being bound, coerced or buffered whole.
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return error(HttpStatus.BAD_REQUEST, messages.text("password.input.body-too-large"), List.of());
        }
        PasswordChangeRequest change = parse(body);
        if (change == null) {
            return error(HttpStatus.BAD_REQUEST, messages.text("password.input.invalid-json"), List.of());
        }
        if (change.inputError().isPresent()) {
            return error(HttpStatus.BAD_REQUEST, messages.text(change.inputError().get()), List.of());
        }

        PasswordChange.Outcome outcome = passwordChange.change(principal.subscriberId(), change.currentPassword(),
                change.newPassword(), request.getRemoteAddr());
        return switch (outcome.status()) {
            case CHANGED -> {
                // A new session id, so a copy of the old session cookie stops working; the subscriber stays
                // signed in.
                request.changeSessionId();
                yield ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(Map.of("status", 200, "message", messages.text("password.changed")));
            }
            case WRONG_CURRENT_PASSWORD ->
                error(HttpStatus.BAD_REQUEST, messages.text("password.current-wrong"), List.of());
            case POLICY_BROKEN -> error(HttpStatus.UNPROCESSABLE_CONTENT, messages.text("password.policy-broken"),
                    outcome.brokenRules());
            case NOT_PROVISIONED -> throw new IllegalStateException("A password change never checks the status");
        };
    }

    /**
     * Returns the request when the body is a JSON object whose two members are strings or absent, or
     * {@code null} when it is not JSON or a member has another type.
     */
    private PasswordChangeRequest parse(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        }
        catch (JacksonException ex) {
            return null;
        }
        if (tree == null || !tree.isObject()) {
            return null;
        }
        JsonNode current = tree.get("currentPassword");
        JsonNode proposed = tree.get("newPassword");
        if (!isStringOrAbsent(current) || !isStringOrAbsent(proposed)) {
            return null;
        }
        return new PasswordChangeRequest(stringOrNull(current), stringOrNull(proposed));
    }

    private static boolean isStringOrAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isString();
    }

    private static String stringOrNull(JsonNode node) {
        return (node == null || node.isNull()) ? null : node.stringValue();
    }

    private ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, List<PasswordRule> broken) {
        String errorId = UUID.randomUUID().toString();
        logger.debug("Password change rejected errorId={} status={}", errorId, status.value());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", message);
        if (!broken.isEmpty()) {
            List<String> texts = messages.rules(broken);
            List<Map<String, String>> violations = new ArrayList<>();
            for (int i = 0; i < broken.size(); i++) {
                violations.add(Map.of("rule", broken.get(i).code(), "message", texts.get(i)));
            }
            body.put("violations", violations);
        }
        body.put("errorId", errorId);
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }
}
