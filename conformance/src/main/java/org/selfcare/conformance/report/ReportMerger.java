package org.selfcare.conformance.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.selfcare.conformance.cases.CaseRegistry;
import org.selfcare.conformance.evidence.Evidence;
import org.selfcare.conformance.evidence.Note;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.run.RunReport;

/**
 * Merges the reports of one deployment, such as the web run and one host run per server, into one report set.
 * Each case takes the worst verdict of the reports that exercised it, so T-1-1 is the worse of its web and host
 * halves and T-1-2 to T-1-6 the worst over the hosts. A report whose result for a case is the placeholder of a
 * case its command does not exercise (INCONCLUSIVE, {@value CaseRegistry#NOT_IMPLEMENTED_REASON}) counts only
 * when no other report exercised the case.
 */
public final class ReportMerger {

    /** The profile type of a merged report. */
    public static final String REPORT_TYPE = "merged";

    private ReportMerger() {
    }

    /**
     * Merges the reports, keeping the case order of their first appearance.
     *
     * @throws IllegalArgumentException when fewer than two reports are given
     */
    public static RunReport merge(List<RunReport> reports) {
        if (reports.size() < 2) {
            throw new IllegalArgumentException("merging needs at least two reports, got " + reports.size());
        }
        Map<String, List<Part>> byCase = new LinkedHashMap<>();
        for (RunReport report : reports) {
            for (CaseResult result : report.results()) {
                byCase.computeIfAbsent(result.id(), (id) -> new ArrayList<>()).add(new Part(report.target(), result));
            }
        }
        List<CaseResult> results = byCase.values().stream().map(ReportMerger::mergeCase).toList();

        String targets = reports.stream().map(RunReport::target).distinct().collect(Collectors.joining(", "));
        String profiles = reports.stream().map(RunReport::profileName).distinct().collect(Collectors.joining(", "));
        Instant started = reports.stream().map(RunReport::started).min(Comparator.naturalOrder()).orElseThrow();
        Instant finished = reports.stream().map(RunReport::finished).max(Comparator.naturalOrder()).orElseThrow();
        return new RunReport(reports.get(0).kitVersion(), targets, profiles, REPORT_TYPE, started, finished, results);
    }

    private static CaseResult mergeCase(List<Part> parts) {
        List<Part> exercised = parts.stream().filter(Part::exercised).toList();
        List<Part> counted = exercised.isEmpty() ? parts.subList(0, 1) : exercised;
        Verdict worst = counted.stream().map((part) -> part.result().verdict())
                .max(Comparator.comparingInt(Verdict::severity)).orElseThrow();

        String reason = counted.stream().filter((part) -> part.result().verdict() == worst)
                .map((part) -> prefixed(part, part.result().reason())).collect(Collectors.joining("; "));
        List<String> findings = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        Duration elapsed = Duration.ZERO;
        for (Part part : counted) {
            CaseResult result = part.result();
            findings.add("NOTE: " + part.source() + ": " + result.verdict() + ", " + result.reason());
            result.findings().forEach((finding) -> findings.add(taggedFinding(part.source(), finding)));
            evidence.add(new Note("evidence of " + part.source()));
            evidence.addAll(result.evidence());
            elapsed = elapsed.plus(result.elapsed());
        }
        return new CaseResult(counted.get(0).result().description(), worst, reason, findings, evidence, elapsed);
    }

    private static String prefixed(Part part, String text) {
        return part.source() + ": " + text;
    }

    /**
     * Puts the source after the finding's verdict word, so each finding still starts with PASS:, FAIL:,
     * INCONCLUSIVE: or NOTE: as report.json promises.
     */
    static String taggedFinding(String source, String finding) {
        int colon = finding.indexOf(": ");
        if (colon < 0) {
            return "[" + source + "] " + finding;
        }
        return finding.substring(0, colon + 2) + "[" + source + "] " + finding.substring(colon + 2);
    }

    private record Part(String source, CaseResult result) {

        boolean exercised() {
            return !(result.verdict() == Verdict.INCONCLUSIVE
                    && CaseRegistry.NOT_IMPLEMENTED_REASON.equals(result.reason()));
        }
    }
}
