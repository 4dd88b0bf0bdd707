package org.selfcare.conformance.model;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.selfcare.conformance.evidence.EvidenceLog;
import org.selfcare.conformance.evidence.Redactor;
import org.selfcare.conformance.inbox.KitInboxes;
import org.selfcare.conformance.inbox.SmsInbox;
import org.selfcare.conformance.http.ProbeClient;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.profile.SignInFlow;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.payments.PaymentSandbox;

/**
 * What a running case may use: the target, its profile, HTTP sessions that record evidence, the kit's SMSC
 * and mail sink when the profile has them, and the clock. One context serves one case.
 */
public final class CaseContext {

    private final ProbeClient client;

    private final TargetProfile profile;

    private final Clock clock;

    private final EvidenceLog evidence = new EvidenceLog();

    private final Instant started;

    private final KitInboxes inboxes;

    private final List<ProbeSession> sessions = new CopyOnWriteArrayList<>();

    public CaseContext(ProbeClient client, TargetProfile profile, Clock clock) {
        this(client, profile, clock, KitInboxes.none());
    }

    public CaseContext(ProbeClient client, TargetProfile profile, Clock clock, KitInboxes inboxes) {
        this.client = client;
        this.profile = profile;
        this.clock = clock;
        this.started = clock.instant();
        this.inboxes = inboxes;
    }

    public URI target() {
        return client.target();
    }

    public TargetProfile profile() {
        return profile;
    }

    public Clock clock() {
        return clock;
    }

    public EvidenceLog evidence() {
        return evidence;
    }

    /**
     * Starts a new HTTP session with no cookies, recording into this case's evidence.
     */
    public ProbeSession newSession() {
        ProbeSession session = client.newSession(evidence);
        sessions.add(session);
        return session;
    }

    /**
     * Starts a session with one of the kit's own sandboxes, such as its payment provider's hosted page, recording
     * into this case's evidence.
     */
    public ProbeSession newSandboxSession(URI base) {
        return client.newSandboxSession(base, evidence);
    }

    /**
     * Returns what the kit's SMSC received, when the profile has an {@code sms:} section. Codes and passwords
     * read from it are redacted from this case's evidence from then on.
     */
    public Optional<SmsInbox> sms() {
        return inboxes.sms(client.redactor());
    }

    /**
     * Returns the kit's mail sink, when the profile has a {@code mail:} section.
     */
    public Optional<MailSink> mail() {
        return inboxes.mail();
    }

    /**
     * Returns the kit's payment provider sandbox, when the profile has a {@code payment:} section.
     */
    public Optional<PaymentSandbox> paymentSandbox() {
        return inboxes.payments();
    }

    /**
     * Returns the redactor of this run, so a case can add a secret it made up, such as a new password.
     */
    public Redactor redactor() {
        return client.redactor();
    }

    public SignInFlow signIn() {
        return new SignInFlow(profile);
    }

    /**
     * Builds the result from the case's findings, with {@code passReason} as the reason when it passed.
     */
    public CaseResult result(CaseDescription description, Findings findings, String passReason) {
        addSigningFindings(findings);
        return new CaseResult(description, findings.verdict(), findings.reason(passReason), findings.lines(),
                evidence.entries(), Duration.between(started, clock.instant()));
    }

    /**
     * Builds the result from the case's findings, but reports {@code verdictWhenPassed} with {@code reason} where
     * the findings alone would give PASS. FAIL and INCONCLUSIVE from the findings still win. For a case whose
     * checks passed but that still needs a person, such as one that must read a document.
     */
    public CaseResult result(CaseDescription description, Findings findings, Verdict verdictWhenPassed,
            String reason) {
        addSigningFindings(findings);
        Verdict derived = findings.verdict();
        Verdict verdict = (derived == Verdict.PASS) ? verdictWhenPassed : derived;
        return new CaseResult(description, verdict, findings.reason(reason), findings.lines(), evidence.entries(),
                Duration.between(started, clock.instant()));
    }

    /**
     * Adds what the case's sessions saw while signing. Each response to a signed request without a valid
     * signature is a FAIL, because a client must not trust it. Each note appears once, such as a target that
     * issues no session key.
     */
    private void addSigningFindings(Findings findings) {
        Set<String> notes = new LinkedHashSet<>();
        for (ProbeSession session : sessions) {
            session.signer().takeProblems().forEach(findings::fail);
            notes.addAll(session.signer().notes());
        }
        notes.forEach(findings::note);
    }

    /**
     * Builds a result that needs no findings, such as INCONCLUSIVE for a missing precondition or REVIEW.
     */
    public CaseResult result(CaseDescription description, Verdict verdict, String reason) {
        return new CaseResult(description, verdict, reason, List.of(), evidence.entries(),
                Duration.between(started, clock.instant()));
    }
}
