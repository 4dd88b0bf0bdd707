package org.selfcare.conformance.cases.transport;

import java.util.List;

import org.bouncycastle.tls.ProtocolVersion;
import org.selfcare.conformance.cases.transport.CipherSuites.WeakGroup;
import org.selfcare.conformance.cases.transport.TlsProbe.Result;
import org.selfcare.conformance.model.Findings;

/**
 * Offers each group of weak cipher suites in its own handshake, at TLS 1.2 and below, and reports any suite
 * the server agrees to. The server's choice in its ServerHello is what counts, so a suite the probe offers but
 * cannot complete a handshake with is still caught.
 */
final class WeakCipherSuiteCheck {

    /**
     * Versions offered in each ClientHello: it carries version 1.2 and no supported_versions extension, so a
     * server that still allows TLS 1.0 or 1.1 for some suites can choose those.
     */
    private static final List<ProtocolVersion> VERSIONS =
            List.of(ProtocolVersion.TLSv12.downTo(ProtocolVersion.TLSv10));

    private WeakCipherSuiteCheck() {
    }

    static void run(TlsProbe probe, Findings findings) {
        for (WeakGroup group : CipherSuites.WEAK_GROUPS) {
            Result result = probe.handshake(VERSIONS, group.suites());
            if (!result.connected()) {
                findings.inconclusive(group.label() + " suites could not be probed: " + result.problem());
            }
            else if (!result.clientHelloSent()) {
                findings.inconclusive(group.label() + " suites could not be offered: " + result.problem());
            }
            else if (result.accepted(VERSIONS, group.suites())) {
                findings.fail("the server accepts the " + group.label() + " suite " + result.negotiatedSuite()
                        + " at " + result.negotiatedProtocol());
            }
            else {
                findings.pass(group.label() + " suites refused (" + ProtocolVersionCheck.refusal(result) + ")");
            }
        }

        Result rsa = probe.handshake(VERSIONS, CipherSuites.RSA_KEY_TRANSPORT);
        if (rsa.accepted(VERSIONS, CipherSuites.RSA_KEY_TRANSPORT)) {
            findings.note("the server accepts " + rsa.negotiatedSuite() + ", whose RSA key transport gives no "
                    + "forward secrecy; prefer ECDHE suites only");
        }
    }
}
