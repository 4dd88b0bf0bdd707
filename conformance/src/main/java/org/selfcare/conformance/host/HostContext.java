package org.selfcare.conformance.host;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.selfcare.conformance.evidence.EvidenceLog;
import org.selfcare.conformance.host.document.SecurityConfiguration;
import org.selfcare.conformance.host.document.SecurityConfiguration.Host;
import org.selfcare.conformance.host.document.SecurityConfiguration.Service;
import org.selfcare.conformance.host.facts.HostFacts;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.Verdict;

/**
 * The inputs of one host check: the document, this host's entry in it and the host's facts. One context serves
 * one check and collects its evidence.
 */
final class HostContext {

    /** The service whose process is the portal, in the document's host entries. */
    static final String PORTAL_SERVICE = "portal";

    /** The service of the portal's database server, in the document's host entries. */
    static final String DATABASE_SERVICE = "postgresql";

    private final SecurityConfiguration document;

    private final Host host;

    private final HostFacts facts;

    private final EvidenceLog evidence = new EvidenceLog();

    private final Instant started;

    HostContext(SecurityConfiguration document, Host host, HostFacts facts) {
        this.document = document;
        this.host = host;
        this.facts = facts;
        this.started = facts.clock().instant();
    }

    SecurityConfiguration document() {
        return document;
    }

    Host host() {
        return host;
    }

    HostFacts facts() {
        return facts;
    }

    EvidenceLog evidence() {
        return evidence;
    }

    /**
     * Returns the portal's service when the portal runs on this host.
     */
    Optional<Service> portal() {
        return host.service(PORTAL_SERVICE);
    }

    /**
     * Returns whether the portal's database server runs on this host, where the database findings belong.
     */
    boolean runsDatabase() {
        return host.service(DATABASE_SERVICE).isPresent();
    }

    /**
     * Builds the result from the findings: FAIL or INCONCLUSIVE when they contain one, otherwise
     * {@code verdictWhenPassed}.
     */
    CaseResult result(CaseDescription description, Findings findings, Verdict verdictWhenPassed, String reason) {
        Verdict derived = findings.verdict();
        Verdict verdict = (derived == Verdict.PASS) ? verdictWhenPassed : derived;
        return new CaseResult(description, verdict, findings.reason(reason), findings.lines(), evidence.entries(),
                Duration.between(started, facts.clock().instant()));
    }
}
