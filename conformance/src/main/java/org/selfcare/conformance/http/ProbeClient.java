package org.selfcare.conformance.http;

import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.selfcare.conformance.evidence.EvidenceLog;
import org.selfcare.conformance.evidence.Redactor;

/**
 * Creates the kit's HTTP sessions against one target, all with the same trust settings and time-out.
 */
public final class ProbeClient {

    private final URI target;

    private final SSLContext tls;

    private final Duration timeout;

    private final Redactor redactor;

    public ProbeClient(URI target, SSLContext tls, Duration timeout, Redactor redactor) {
        this.target = target;
        this.tls = tls;
        this.timeout = timeout;
        this.redactor = redactor;
    }

    public URI target() {
        return target;
    }

    public Redactor redactor() {
        return redactor;
    }

    /**
     * Starts a session with no cookies, recording its exchanges into {@code evidence}.
     */
    public ProbeSession newSession(EvidenceLog evidence) {
        return new ProbeSession(target, tls, timeout, evidence, redactor);
    }

    /**
     * Starts a session with one of the kit's own sandboxes at {@code base}, such as the hosted page of its
     * payment provider. It accepts any certificate, because the sandbox generated its own at start and listens
     * on this host only.
     */
    public ProbeSession newSandboxSession(URI base, EvidenceLog evidence) {
        return new ProbeSession(base, TlsTrust.anyCertificate(), timeout, evidence, redactor);
    }
}
