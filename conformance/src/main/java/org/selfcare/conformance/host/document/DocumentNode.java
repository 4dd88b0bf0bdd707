package org.selfcare.conformance.host.document;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A value of the document with its path and line, so that each reader method can reject a wrong value with the
 * line and the key in plain words.
 */
final class DocumentNode {

    private final JsonNode node;

    private final String path;

    private final JsonPointer pointer;

    private final Map<JsonPointer, Integer> lines;

    private final String file;

    DocumentNode(JsonNode node, String path, JsonPointer pointer, Map<JsonPointer, Integer> lines, String file) {
        this.node = node;
        this.path = path;
        this.pointer = pointer;
        this.lines = lines;
        this.file = file;
    }

    int line() {
        JsonPointer current = pointer;
        while (current != null) {
            Integer line = lines.get(current);
            if (line != null) {
                return line;
            }
            current = current.head();
        }
        return 1;
    }

    String path() {
        return path;
    }

    boolean has(String name) {
        return node.isObject() && node.has(name) && !node.get(name).isNull();
    }

    Optional<DocumentNode> optional(String name) {
        return has(name) ? Optional.of(child(name)) : Optional.empty();
    }

    DocumentNode required(String name) throws InvalidDocumentException {
        if (!node.isObject()) {
            throw invalid("must be a mapping of keys to values");
        }
        if (!has(name)) {
            throw invalid("lacks the required key '" + name + "'");
        }
        return child(name);
    }

    private DocumentNode child(String name) {
        String childPath = path.isEmpty() ? name : path + "." + name;
        return new DocumentNode(node.get(name), childPath, pointer.appendProperty(name), lines, file);
    }

    List<DocumentNode> list() throws InvalidDocumentException {
        if (!node.isArray()) {
            throw invalid("must be a list");
        }
        List<DocumentNode> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new DocumentNode(node.get(i), path + "[" + i + "]", pointer.appendIndex(i), lines, file));
        }
        return items;
    }

    /**
     * Reads a list, or a single value as a list of one, as in {@code to: database} and {@code to: [dmz, database]}.
     */
    List<String> texts() throws InvalidDocumentException {
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            for (DocumentNode item : list()) {
                values.add(item.text());
            }
            return values;
        }
        return List.of(text());
    }

    Map<String, JsonNode> entries() throws InvalidDocumentException {
        if (!node.isObject()) {
            throw invalid("must be a mapping of keys to values");
        }
        Map<String, JsonNode> entries = new java.util.LinkedHashMap<>();
        node.properties().forEach((entry) -> entries.put(entry.getKey(), entry.getValue()));
        return entries;
    }

    DocumentNode entry(String name) {
        return child(name);
    }

    String text() throws InvalidDocumentException {
        if (!node.isValueNode() || node.asString().isBlank()) {
            throw invalid("must be a non-empty text");
        }
        return node.asString().trim();
    }

    int port() throws InvalidDocumentException {
        if (!node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > 65535) {
            throw invalid("must be a port number from 1 to 65535, not '" + node.asString() + "'");
        }
        return node.asInt();
    }

    List<Integer> ports() throws InvalidDocumentException {
        if (!node.isArray()) {
            return List.of(port());
        }
        List<Integer> values = new ArrayList<>();
        for (DocumentNode item : list()) {
            values.add(item.port());
        }
        return values;
    }

    boolean bool() throws InvalidDocumentException {
        if (!node.isBoolean()) {
            throw invalid("must be true or false, not '" + node.asString() + "'");
        }
        return node.asBoolean();
    }

    Duration duration() throws InvalidDocumentException {
        try {
            Duration value = Duration.parse(text().toUpperCase(Locale.ROOT));
            if (value.isNegative() || value.isZero()) {
                throw invalid("must be a positive duration such as PT1H or P7D, not '" + node.asString() + "'");
            }
            return value;
        }
        catch (DateTimeParseException ex) {
            throw invalid("must be an ISO-8601 duration such as PT1H or P7D, not '" + node.asString() + "'");
        }
    }

    Cidr network() throws InvalidDocumentException {
        try {
            return Cidr.parse(text());
        }
        catch (IllegalArgumentException ex) {
            throw invalid("must be a network such as 10.70.2.0/24: " + ex.getMessage());
        }
    }

    InvalidDocumentException invalid(String problem) {
        return new InvalidDocumentException(file + " line " + line() + ": " + (path.isEmpty() ? "the document"
                : path) + " " + problem);
    }
}
