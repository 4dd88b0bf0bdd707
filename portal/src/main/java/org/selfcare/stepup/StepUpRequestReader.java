package org.selfcare.stepup;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the JSON body of a step-up API request with a size limit, so an oversized body, malformed JSON or a member of
 * the wrong type gets a plain 400 instead of being bound, coerced or buffered whole.
 */
@Component
class StepUpRequestReader {

    /** Largest body read; every member of a valid request fits many times over. */
    static final int MAX_BODY_BYTES = 4 * 1024;

    /** Maximum length of any member's text, which is also the maximum service password length. */
    static final int MAX_VALUE_LENGTH = 128;

    private final ObjectMapper json;

    StepUpRequestReader(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Returns the members named in {@code fields} that the body's JSON object sets to text; absent and null members
     * are left out.
     *
     * @throws InvalidRequestException with a message bundle key when the body is too large, not a JSON object, or a
     *         member is not text or too long
     */
    Map<String, String> read(HttpServletRequest request, List<String> fields) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidRequestException("stepup.input.body-too-large");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        }
        catch (JacksonException ex) {
            throw new InvalidRequestException("stepup.input.invalid-json");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidRequestException("stepup.input.invalid-json");
        }

        Map<String, String> values = new HashMap<>();
        for (String field : fields) {
            JsonNode node = tree.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            if (!node.isString()) {
                throw new InvalidRequestException("stepup.input.not-text", field);
            }
            if (node.stringValue().length() > MAX_VALUE_LENGTH) {
                throw new InvalidRequestException("stepup.input.too-long", field, MAX_VALUE_LENGTH);
            }
            values.put(field, node.stringValue());
        }
        return values;
    }

    /**
     * A request the API cannot process, with the message bundle key and arguments of the reason.
     */
    static final class InvalidRequestException extends RuntimeException {

        private final transient Object[] arguments;

        InvalidRequestException(String messageKey, Object... arguments) {
            super(messageKey, null, false, false);
            this.arguments = arguments;
        }

        String messageKey() {
            return getMessage();
        }

        Object[] arguments() {
            return arguments;
        }
    }
}
