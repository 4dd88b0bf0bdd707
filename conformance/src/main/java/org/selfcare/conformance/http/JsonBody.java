package org.selfcare.conformance.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads the JSON body of a response without throwing, so a case can test members of an error or a result.
 */
public final class JsonBody {

    private static final JsonMapper json = JsonMapper.builder().build();

    private JsonBody() {
    }

    /**
     * Returns the parsed body, or a missing node when the body is empty or not JSON.
     */
    public static JsonNode of(ProbeResponse response) {
        if (response.body().isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(response.body());
            return (node == null) ? MissingNode.getInstance() : node;
        }
        catch (JacksonException ex) {
            return MissingNode.getInstance();
        }
    }

    /**
     * Returns the text of the body's member {@code name}, or an empty string.
     */
    public static String text(ProbeResponse response, String name) {
        JsonNode value = of(response).path(name);
        return value.isValueNode() ? value.asString() : "";
    }

    /**
     * Writes {@code value} as a JSON document, such as a request body.
     */
    public static String write(Object value) {
        return json.writeValueAsString(value);
    }
}
