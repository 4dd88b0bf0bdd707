package org.selfcare.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.selfcare.conformance.evidence.Evidence;
import org.selfcare.conformance.evidence.HttpExchange;
import org.selfcare.conformance.evidence.Note;
import org.selfcare.conformance.evidence.TlsHandshake;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.run.RunReport;

/**
 * Writes {@code report.html} for people: one self-contained file with no script and no external resource,
 * so it can be archived and opened anywhere. It shows the verdict counts as a bar chart, a table of all cases,
 * then each case with its steps, verdict, reason, findings and evidence.
 */
public final class HtmlReport {

    public static final String FILE = "report.html";

    private static final Map<Verdict, String> COLOURS = Map.of(Verdict.PASS, "#2e7d32", Verdict.FAIL, "#c62828",
            Verdict.INCONCLUSIVE, "#757575", Verdict.REVIEW, "#ef6c00");

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2430;max-width:72rem}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
            .verdict{font-weight:700;color:#fff;padding:.1rem .4rem;border-radius:3px}
            .PASS{background:#2e7d32}.FAIL{background:#c62828}.INCONCLUSIVE{background:#757575}.REVIEW{background:#ef6c00}
            section{border-top:2px solid #ccc;margin-top:1.5rem;padding-top:.5rem}
            pre{background:#f4f5f7;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:.8rem}
            details{margin:.3rem 0}summary{cursor:pointer}
            """;

    private HtmlReport() {
    }

    public static Path write(RunReport report, Path folder) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>X.1470 conformance report</title>")
                .append("<style>").append(STYLE).append("</style></head><body>");
        html.append("<h1>X.1470 conformance report</h1><p>Target <code>").append(escape(report.target()))
                .append("</code>, profile ").append(escape(report.profileName())).append(" (")
                .append(escape(report.profileType())).append("), run from ")
                .append(report.started().truncatedTo(ChronoUnit.SECONDS)).append(" to ")
                .append(report.finished().truncatedTo(ChronoUnit.SECONDS)).append(" by x1470 ").append(escape(report.kitVersion())).append(".</p>");
        chart(html, report);
        summaryTable(html, report.results());
        for (CaseResult result : report.results()) {
            caseSection(html, result);
        }
        html.append("</body></html>\n");

        Path file = folder.resolve(FILE);
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    private static void chart(StringBuilder html, RunReport report) {
        Map<Verdict, Integer> counts = report.counts();
        int total = Math.max(1, report.results().size());
        html.append("<h2>Summary</h2><svg role=\"img\" aria-label=\"verdict counts\" width=\"520\" height=\"")
                .append(Verdict.values().length * 30 + 10).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        int y = 5;
        for (Verdict verdict : Verdict.values()) {
            int count = counts.get(verdict);
            int width = (int) Math.round(360.0 * count / total);
            html.append("<text x=\"0\" y=\"").append(y + 17).append("\" font-size=\"14\">").append(verdict)
                    .append("</text><rect x=\"120\" y=\"").append(y).append("\" width=\"").append(width)
                    .append("\" height=\"22\" fill=\"").append(COLOURS.get(verdict)).append("\"/><text x=\"")
                    .append(126 + width).append("\" y=\"").append(y + 17).append("\" font-size=\"14\">").append(count)
                    .append("</text>");
            y += 30;
        }
        html.append("</svg>");
    }

    private static void summaryTable(StringBuilder html, List<CaseResult> results) {
        html.append("<table><thead><tr><th>Case</th><th>Title</th><th>Verdict</th><th>Reason</th></tr></thead><tbody>");
        for (CaseResult result : results) {
            html.append("<tr><td><a href=\"#").append(result.id()).append("\">").append(result.id())
                    .append("</a></td><td>").append(escape(result.description().title())).append("</td><td>");
            badge(html, result.verdict());
            html.append("</td><td>").append(escape(result.reason())).append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static void caseSection(StringBuilder html, CaseResult result) {
        html.append("<section id=\"").append(result.id()).append("\"><h2>").append(result.id()).append(" ")
                .append(escape(result.description().title())).append(" ");
        badge(html, result.verdict());
        html.append("</h2><p><strong>Reason:</strong> ").append(escape(result.reason())).append("</p>");
        html.append("<p>Clause ").append(escape(result.description().clause())).append(", ran for ")
                .append(result.elapsed().toMillis()).append(" ms.</p>");
        list(html, "Preconditions", result.description().preconditions(), false);
        list(html, "Steps", result.description().steps(), true);
        html.append("<p><strong>Expected:</strong> ").append(escape(result.description().expected())).append("</p>");
        list(html, "Findings", result.findings(), false);
        if (!result.evidence().isEmpty()) {
            html.append("<h3>Evidence (").append(result.evidence().size()).append(")</h3>");
            result.evidence().forEach((evidence) -> evidence(html, evidence));
        }
        html.append("</section>");
    }

    private static void evidence(StringBuilder html, Evidence evidence) {
        if (evidence instanceof HttpExchange exchange) {
            html.append("<details><summary>").append(escape(exchange.method())).append(" ")
                    .append(escape(exchange.url())).append(" → ")
                    .append(exchange.status() == 0 ? escape("no response: " + exchange.error()) : exchange.status())
                    .append(" (").append(exchange.elapsedMillis()).append(" ms)</summary><pre>");
            exchange.requestHeaders().forEach((name, values) -> values.forEach(
                    (value) -> html.append(escape(name + ": " + value)).append('\n')));
            if (!exchange.requestBody().isEmpty()) {
                html.append('\n').append(escape(exchange.requestBody())).append('\n');
            }
            html.append("</pre><pre>");
            exchange.responseHeaders().forEach((name, values) -> values.forEach(
                    (value) -> html.append(escape(name + ": " + value)).append('\n')));
            html.append('\n').append(escape(exchange.responseBody())).append("</pre></details>");
        }
        else if (evidence instanceof TlsHandshake handshake) {
            html.append("<details><summary>TLS ").append(escape(handshake.host())).append(":").append(handshake.port())
                    .append(" offered ").append(escape(handshake.offeredProtocol())).append(" → ")
                    .append(handshake.accepted() ? "accepted " + escape(handshake.negotiatedProtocol() + " "
                            + handshake.negotiatedSuite()) : "refused")
                    .append("</summary><pre>").append(escape("suites offered: "
                            + String.join(", ", handshake.offeredSuites()) + "\n" + handshake.detail()))
                    .append("</pre></details>");
        }
        else if (evidence instanceof Note note) {
            html.append("<p>").append(escape(note.text())).append("</p>");
        }
    }

    private static void list(StringBuilder html, String heading, List<String> items, boolean ordered) {
        if (items.isEmpty()) {
            return;
        }
        String tag = ordered ? "ol" : "ul";
        html.append("<h3>").append(heading).append("</h3><").append(tag).append(">");
        items.forEach((item) -> html.append("<li>").append(escape(item)).append("</li>"));
        html.append("</").append(tag).append(">");
    }

    private static void badge(StringBuilder html, Verdict verdict) {
        html.append("<span class=\"verdict ").append(verdict).append("\">").append(verdict).append("</span>");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
