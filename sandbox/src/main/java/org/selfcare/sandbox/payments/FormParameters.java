package org.selfcare.sandbox.payments;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} body or query, as Stripe's API takes them:
 * nested values use brackets, such as {@code metadata[order]=SC-1}.
 */
final class FormParameters {

    private FormParameters() {
    }

    /**
     * Decodes {@code encoded}; a name that repeats keeps its last value.
     *
     * @throws IllegalArgumentException when a percent escape is invalid
     */
    static Map<String, String> parse(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** Returns the entries named {@code prefix[key]}, keyed by {@code key}. */
    static Map<String, String> nested(Map<String, String> parameters, String prefix) {
        Map<String, String> nested = new LinkedHashMap<>();
        String start = prefix + "[";
        parameters.forEach((name, value) -> {
            if (name.startsWith(start) && name.endsWith("]") && name.length() > start.length() + 1) {
                nested.put(name.substring(start.length(), name.length() - 1), value);
            }
        });
        return nested;
    }
}
