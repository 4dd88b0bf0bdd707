package org.selfcare.conformance.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the checks of one case and derives its verdict: FAIL when any check failed, otherwise
 * INCONCLUSIVE when a check could not be made, otherwise PASS.
 */
public final class Findings {

    private final List<String> lines = new ArrayList<>();

    private final List<String> failures = new ArrayList<>();

    private final List<String> gaps = new ArrayList<>();

    public void pass(String check) {
        lines.add("PASS: " + check);
    }

    public void fail(String problem) {
        lines.add("FAIL: " + problem);
        failures.add(problem);
    }

    /**
     * Records a check that could not be made, with the reason.
     */
    public void inconclusive(String reason) {
        lines.add("INCONCLUSIVE: " + reason);
        gaps.add(reason);
    }

    public void note(String text) {
        lines.add("NOTE: " + text);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public Verdict verdict() {
        if (!failures.isEmpty()) {
            return Verdict.FAIL;
        }
        return gaps.isEmpty() ? Verdict.PASS : Verdict.INCONCLUSIVE;
    }

    /**
     * Returns the reason for the verdict: the first failure, the first gap, or {@code passReason}.
     */
    public String reason(String passReason) {
        if (!failures.isEmpty()) {
            return failures.size() == 1 ? failures.get(0)
                    : failures.get(0) + " (and " + (failures.size() - 1) + " more problems)";
        }
        return gaps.isEmpty() ? passReason : gaps.get(0);
    }
}
