package org.selfcare.conformance.run;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;

/**
 * The outcome of one run of the kit.
 *
 * @param kitVersion version of the kit that ran
 * @param target the target's base URL
 * @param profileName the profile's name
 * @param profileType {@code form-login} or {@code selfcare}
 * @param started when the run started
 * @param finished when the run finished
 * @param results one result per case that ran, in catalogue order
 */
public record RunReport(String kitVersion, String target, String profileName, String profileType, Instant started,
        Instant finished, List<CaseResult> results) {

    public RunReport {
        results = List.copyOf(results);
    }

    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            counts.put(verdict, 0);
        }
        results.forEach((result) -> counts.merge(result.verdict(), 1, Integer::sum));
        return counts;
    }

    public boolean anyFailed() {
        return results.stream().anyMatch((result) -> result.verdict() == Verdict.FAIL);
    }
}
