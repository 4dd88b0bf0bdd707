package org.selfcare.operator.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.selfcare.operator.DuplicateSubscriberException;
import org.selfcare.operator.InvalidProvisioningRequestException;
import org.selfcare.operator.ProvisionedSubscriber;
import org.selfcare.operator.ProvisioningRequest;
import org.selfcare.operator.SubscriberProvisioning;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /operator/api/v1/subscribers} on the operator port: provisions a subscriber from
 * {@code {"msisdn", "region", "displayName", "timeZone", "contactEmail", "identityDocumentDigits"}} and returns
 * 201 with the id, the E.164 number and the status. Invalid fields get 400 with one sentence per field, and a
 * number that exists gets 409.
 */
@RestController
class SubscriberProvisioningController {

    /** Largest request body read. The six fields at their maximum lengths fit with room to spare. */
    static final int MAX_BODY_BYTES = 8 * 1024;

    static final List<String> FIELDS = List.of("msisdn", "region", "displayName", "timeZone", "contactEmail",
            "identityDocumentDigits");

    private final SubscriberProvisioning provisioning;

    private final MessageSource messages;

    private final ObjectMapper json;

    SubscriberProvisioningController(SubscriberProvisioning provisioning, MessageSource messages, ObjectMapper json) {
        this.provisioning = provisioning;
        this.messages = messages;
        this.json = json;
    }

    @PostMapping(path = "/operator/api/v1/subscribers", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> provision(HttpServletRequest request) throws IOException {
        // The body is read with a limit and parsed here, so an oversized body or a member of the wrong JSON type
        // gets a plain 400 instead of being bound or coerced.
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return error(HttpStatus.BAD_REQUEST, text("operator.input.body-too-large"), null, List.of());
        }
        ProvisioningRequest provisioningRequest = parse(body);
        if (provisioningRequest == null) {
            return error(HttpStatus.BAD_REQUEST, text("operator.input.invalid-json"), null, List.of());
        }

        try {
            ProvisionedSubscriber created = provisioning.provision(provisioningRequest, request.getRemoteAddr(),
                    "operator API");
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("id", created.id());
            response.put("msisdn", created.msisdnE164());
            response.put("status", "PROVISIONED");
            response.put("initialPasswordExpiresAt", created.initialPasswordExpiresAt().toString());
            return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(response);
        }
        catch (InvalidProvisioningRequestException ex) {
            return error(HttpStatus.BAD_REQUEST, String.join(" ", ex.problems()), "invalid_fields", ex.problems());
        }
        catch (DuplicateSubscriberException ex) {
            String message = messages.getMessage("provisioning.duplicate", new Object[] { ex.msisdnE164() },
                    LocaleContextHolder.getLocale());
            return error(HttpStatus.CONFLICT, message, "subscriber_exists", List.of());
        }
    }

    /**
     * Returns the request when the body is a JSON object whose known members are strings or absent, or
     * {@code null} when it is not JSON or a member has another type. Absent members become {@code null} and
     * are reported by the field check.
     */
    private ProvisioningRequest parse(byte[] body) {
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
        String[] values = new String[FIELDS.size()];
        for (int i = 0; i < FIELDS.size(); i++) {
            JsonNode node = tree.get(FIELDS.get(i));
            if (node != null && !node.isNull() && !node.isString()) {
                return null;
            }
            values[i] = (node == null || node.isNull()) ? null : node.stringValue();
        }
        return new ProvisioningRequest(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, String code,
            List<String> problems) {
        return OperatorResponses.error(status, message, code, problems);
    }
}
