package org.selfcare.conformance.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.selfcare.conformance.evidence.Evidence;

/**
 * The verdict of one case with the reason and the evidence behind it.
 *
 * @param description the case that ran
 * @param verdict the outcome
 * @param reason why, in a sentence a tester can act on
 * @param findings every individual check and what it found, in the order they ran
 * @param evidence the exchanges and handshakes the verdict relied on, secrets redacted
 * @param elapsed how long the case ran
 */
public record CaseResult(CaseDescription description, Verdict verdict, String reason, List<String> findings,
        List<Evidence> evidence, Duration elapsed) {

    public CaseResult {
        Objects.requireNonNull(description, "description must not be null");
        Objects.requireNonNull(verdict, "verdict must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        findings = List.copyOf(findings);
        evidence = List.copyOf(evidence);
    }

    public String id() {
        return description.id();
    }
}
