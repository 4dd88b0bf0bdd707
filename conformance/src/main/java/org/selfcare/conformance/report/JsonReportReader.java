package org.selfcare.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.selfcare.conformance.evidence.Evidence;
import org.selfcare.conformance.evidence.HttpExchange;
import org.selfcare.conformance.evidence.Note;
import org.selfcare.conformance.evidence.TlsHandshake;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.run.RunReport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code report.json} that {@link JsonReport} wrote back into a {@link RunReport}, evidence included, so
 * reports of separate runs can be merged and written again.
 */
public final class JsonReportReader {

    private JsonReportReader() {
    }

    /**
     * Reads the report.
     *
     * @throws IllegalArgumentException when the file cannot be read or is not a report.json of schema version
     *         {@value JsonReport#SCHEMA_VERSION}, with the file and the field at fault
     */
    public static RunReport read(Path file) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage());
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException(file + " is not valid JSON");
        }
        int schemaVersion = root.path("schemaVersion").asInt(0);
        if (schemaVersion != JsonReport.SCHEMA_VERSION) {
            throw new IllegalArgumentException(file + " has schemaVersion " + schemaVersion + "; this kit reads "
                    + "version " + JsonReport.SCHEMA_VERSION + " only");
        }
        JsonNode cases = root.path("cases");
        if (!cases.isArray()) {
            throw new IllegalArgumentException(file + " has no 'cases' array; is it a report.json of x1470?");
        }
        List<CaseResult> results = new ArrayList<>();
        for (JsonNode node : cases) {
            results.add(caseResult(file, node));
        }
        JsonNode profile = root.path("profile");
        return new RunReport(text(file, root, "kitVersion"), text(file, root, "target"),
                optional(profile, "name"), optional(profile, "type"), instant(file, root, "started"),
                instant(file, root, "finished"), results);
    }

    private static CaseResult caseResult(Path file, JsonNode node) {
        CaseDescription description = new CaseDescription(text(file, node, "id"), optional(node, "title"),
                optional(node, "clause"), strings(node.path("preconditions")), strings(node.path("steps")),
                optional(node, "expected"));
        String verdict = text(file, node, "verdict");
        Verdict parsed;
        try {
            parsed = Verdict.valueOf(verdict.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(file + ": case " + description.id() + " has the unknown verdict '"
                    + verdict + "'");
        }
        List<Evidence> evidence = new ArrayList<>();
        for (JsonNode entry : node.path("evidence")) {
            evidence.add(evidence(file, entry));
        }
        return new CaseResult(description, parsed, optional(node, "reason"), strings(node.path("findings")),
                evidence, Duration.ofMillis(node.path("elapsedMillis").asLong(0)));
    }

    private static Evidence evidence(Path file, JsonNode node) {
        String kind = text(file, node, "kind");
        return switch (kind) {
            case "http" -> new HttpExchange(instant(file, node, "at"), optional(node, "method"),
                    optional(node, "url"), headers(node.path("requestHeaders")), optional(node, "requestBody"),
                    node.path("status").asInt(0), headers(node.path("responseHeaders")),
                    optional(node, "responseBody"), node.path("elapsedMillis").asLong(0), optional(node, "error"));
            case "tls" -> new TlsHandshake(instant(file, node, "at"), optional(node, "host"),
                    node.path("port").asInt(0), optional(node, "offeredProtocol"),
                    strings(node.path("offeredSuites")), node.path("accepted").asBoolean(false),
                    optional(node, "negotiatedProtocol"), optional(node, "negotiatedSuite"),
                    optional(node, "detail"));
            case "note" -> new Note(text(file, node, "text"));
            default -> throw new IllegalArgumentException(file + " has evidence of the unknown kind '" + kind
                    + "'; known kinds are " + String.join(", ", JsonReport.kinds()));
        };
    }

    private static String text(Path file, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(file + " lacks the field '" + field + "'"
                    + (node.has("id") ? " in case " + node.get("id").asString() : ""));
        }
        return value.asString();
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return (value == null || value.isNull()) ? "" : value.asString();
    }

    private static Instant instant(Path file, JsonNode node, String field) {
        String value = text(file, node, field);
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw new IllegalArgumentException(file + ": '" + field + "' is not an ISO 8601 instant: " + value);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach((value) -> values.add(value.asString()));
        return values;
    }

    private static Map<String, List<String>> headers(JsonNode object) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        object.properties().forEach((entry) -> headers.put(entry.getKey(), strings(entry.getValue())));
        return headers;
    }
}
