package org.selfcare.conformance.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.evidence.HttpExchange;
import org.selfcare.conformance.evidence.Note;
import org.selfcare.conformance.evidence.TlsHandshake;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.run.RunReport;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWritersTests {

    @TempDir
    Path folder;

    private final RunReport report = new RunReport("0.1.0", "https://portal.test/", "demo", "selfcare",
            Instant.parse("2026-12-04T10:00:00Z"), Instant.parse("2026-12-04T10:01:00Z"), List.of(
                    new CaseResult(CaseCatalog.get("T-1-7"), Verdict.PASS, "only TLS 1.2 and 1.3", List.of("PASS: ok"),
                            List.of(new TlsHandshake(Instant.EPOCH, "portal.test", 443, "TLSv1.1", List.of("X"), false,
                                    "", "", "protocol_version alert")), Duration.ofMillis(120)),
                    new CaseResult(CaseCatalog.get("T-5-1"), Verdict.FAIL, "stack trace in <script> page",
                            List.of("FAIL: stack trace"), List.of(new HttpExchange(Instant.EPOCH, "POST",
                                    "https://portal.test/signin", Map.of("Content-Type", List.of("form")),
                                    "msisdn=1&password=[REDACTED]", 500, Map.of(), "<script>alert(1)</script>", 12, ""),
                                    new Note("median 10 ms vs 11 ms")), Duration.ofMillis(300)),
                    new CaseResult(CaseCatalog.get("T-2-1"), Verdict.INCONCLUSIVE, "not implemented in this version",
                            List.of(), List.of(), Duration.ZERO)));

    @Test
    void jsonHasCasesWithIdAndVerdict() throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(JsonReport.write(report, folder)));

        assertThat(root.get("schemaVersion").intValue()).isEqualTo(1);
        assertThat(root.get("cases")).hasSize(3);
        assertThat(root.get("cases").get(1).get("id").asString()).isEqualTo("T-5-1");
        assertThat(root.get("cases").get(1).get("verdict").asString()).isEqualTo("FAIL");
        assertThat(root.get("cases").get(1).get("evidence").get(0).get("kind").asString()).isEqualTo("http");
        assertThat(root.get("summary").get("FAIL").intValue()).isEqualTo(1);
    }

    @Test
    void htmlIsSelfContainedAndEscaped() throws Exception {
        String html = Files.readString(HtmlReport.write(report, folder));

        assertThat(html).contains("<svg").contains("T-1-7").contains("T-5-1");
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
        assertThat(html).doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http");
    }

    @Test
    void junitCountsFailuresAndSkips() throws Exception {
        Path file = JunitReport.write(report, folder);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());

        assertThat(xml.getDocumentElement().getAttribute("tests")).isEqualTo("3");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(xml.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(xml.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
                .isEqualTo("stack trace in <script> page");
    }
}
