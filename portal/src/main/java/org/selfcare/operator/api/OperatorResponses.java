package org.selfcare.operator.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The operator API's responses: JSON bodies that are never cached, errors in the portal's shape
 * {@code {"status", "error", "code", ..., "errorId"}}, and request bodies read with a size limit.
 */
final class OperatorResponses {

    private static final Logger logger = LoggerFactory.getLogger(OperatorResponses.class);

    private OperatorResponses() {
    }

    static ResponseEntity<Map<String, Object>> ok(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }

    static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, String code,
            List<String> problems) {
        String errorId = UUID.randomUUID().toString();
        logger.debug("Operator request rejected errorId={} status={} code={}", errorId, status.value(), code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", message);
        if (code != null) {
            body.put("code", code);
        }
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        body.put("errorId", errorId);
        return ok(status, body);
    }

    /**
     * Reads at most {@code maxBytes} of the body and parses it as a JSON object.
     *
     * @return the object, or {@code null} when the body is larger, not JSON or not an object
     */
    static JsonNode jsonObject(HttpServletRequest request, int maxBytes, ObjectMapper json) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        if (body.length > maxBytes) {
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
}
