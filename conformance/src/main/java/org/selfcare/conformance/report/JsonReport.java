package org.selfcare.conformance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfcare.conformance.evidence.Evidence;
import org.selfcare.conformance.evidence.HttpExchange;
import org.selfcare.conformance.evidence.Note;
import org.selfcare.conformance.evidence.TlsHandshake;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.run.RunReport;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code report.json} for tools. The schema is documented in the module README; its top-level
 * {@code schemaVersion} changes whenever a field is removed or changes meaning.
 */
public final class JsonReport {

    public static final String FILE = "report.json";

    public static final int SCHEMA_VERSION = 1;

    private JsonReport() {
    }

    public static Path write(RunReport report, Path folder) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("kitVersion", report.kitVersion());
        root.put("target", report.target());
        root.put("profile", Map.of("name", report.profileName(), "type", report.profileType()));
        root.put("started", report.started().toString());
        root.put("finished", report.finished().toString());
        Map<String, Integer> summary = new LinkedHashMap<>();
        report.counts().forEach((verdict, count) -> summary.put(verdict.name(), count));
        root.put("summary", summary);
        root.put("cases", report.results().stream().map(JsonReport::caseNode).toList());

        Path file = folder.resolve(FILE);
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(file, mapper.writeValueAsString(root));
        return file;
    }

    private static Map<String, Object> caseNode(CaseResult result) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", result.id());
        node.put("title", result.description().title());
        node.put("clause", result.description().clause());
        node.put("verdict", result.verdict().name());
        node.put("reason", result.reason());
        node.put("elapsedMillis", result.elapsed().toMillis());
        node.put("preconditions", result.description().preconditions());
        node.put("steps", result.description().steps());
        node.put("expected", result.description().expected());
        node.put("findings", result.findings());
        node.put("evidence", result.evidence().stream().map(JsonReport::evidenceNode).toList());
        return node;
    }

    private static Map<String, Object> evidenceNode(Evidence evidence) {
        Map<String, Object> node = new LinkedHashMap<>();
        if (evidence instanceof HttpExchange exchange) {
            node.put("kind", "http");
            node.put("at", exchange.at().toString());
            node.put("method", exchange.method());
            node.put("url", exchange.url());
            node.put("requestHeaders", exchange.requestHeaders());
            node.put("requestBody", exchange.requestBody());
            node.put("status", exchange.status());
            node.put("responseHeaders", exchange.responseHeaders());
            node.put("responseBody", exchange.responseBody());
            node.put("elapsedMillis", exchange.elapsedMillis());
            node.put("error", exchange.error());
        }
        else if (evidence instanceof TlsHandshake handshake) {
            node.put("kind", "tls");
            node.put("at", handshake.at().toString());
            node.put("host", handshake.host());
            node.put("port", handshake.port());
            node.put("offeredProtocol", handshake.offeredProtocol());
            node.put("offeredSuites", handshake.offeredSuites());
            node.put("accepted", handshake.accepted());
            node.put("negotiatedProtocol", handshake.negotiatedProtocol());
            node.put("negotiatedSuite", handshake.negotiatedSuite());
            node.put("detail", handshake.detail());
        }
        else if (evidence instanceof Note note) {
            node.put("kind", "note");
            node.put("text", note.text());
        }
        return node;
    }

    static List<String> kinds() {
        return List.of("http", "tls", "note");
    }
}
