package org.selfcare.conformance.cases.transport;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.tls.ProtocolVersion;
import org.selfcare.conformance.cases.transport.CipherSuites.Suite;
import org.selfcare.conformance.cases.transport.TlsProbe.Result;
import org.selfcare.conformance.model.Findings;

/**
 * Offers TLS 1.0, 1.1, 1.2 and 1.3 one at a time. TLS 1.0 and 1.1 must be refused, because they have no AEAD
 * suites and their handshake relies on MD5 and SHA-1. At least one of TLS 1.2 and 1.3 must be accepted.
 */
final class ProtocolVersionCheck {

    /**
     * Suites offered with TLS 1.0 and 1.1: the CBC and 3DES suites those versions define, so that a refusal
     * can only mean the version is off.
     */
    private static final List<Suite> LEGACY_SUITES = concat(CipherSuites.CBC, CipherSuites.TRIPLE_DES);

    /** Suites offered with TLS 1.2: strong and weak alike, so that a refusal can only mean the version is off. */
    private static final List<Suite> TLS12_SUITES = concat(CipherSuites.STRONG_TLS12, CipherSuites.RSA_KEY_TRANSPORT,
            CipherSuites.CBC, CipherSuites.TRIPLE_DES);

    private ProtocolVersionCheck() {
    }

    /**
     * Runs the four handshakes, records their findings and returns the certificate chain of the first completed
     * TLS 1.2 or 1.3 handshake, or an empty list when none completed.
     */
    static List<X509Certificate> run(TlsProbe probe, Findings findings) {
        for (ProtocolVersion legacy : List.of(ProtocolVersion.TLSv10, ProtocolVersion.TLSv11)) {
            Result result = probe.handshake(List.of(legacy), LEGACY_SUITES);
            String name = result.offeredProtocol();
            if (!result.connected()) {
                findings.inconclusive(name + " could not be probed: " + result.problem());
            }
            else if (result.accepted(List.of(legacy), LEGACY_SUITES)) {
                findings.fail("the server accepts " + name + " (it chose " + result.negotiatedSuite()
                        + "); TLS 1.0 and 1.1 must be disabled");
            }
            else {
                findings.pass(name + " refused (" + refusal(result) + ")");
            }
        }

        Result tls12 = probe.handshake(List.of(ProtocolVersion.TLSv12), TLS12_SUITES);
        Result tls13 = probe.handshake(List.of(ProtocolVersion.TLSv13), CipherSuites.TLS13);
        boolean accepts13 = tls13.accepted(List.of(ProtocolVersion.TLSv13), CipherSuites.TLS13);
        boolean accepts12 = tls12.accepted(List.of(ProtocolVersion.TLSv12), TLS12_SUITES);
        if (!tls13.connected() || !tls12.connected()) {
            findings.inconclusive("TLS 1.2 and 1.3 could not be probed: "
                    + (tls13.connected() ? tls12.problem() : tls13.problem()));
        }
        else if (accepts13 && accepts12) {
            findings.pass("TLSv1.3 accepted (" + tls13.negotiatedSuite() + ") and TLSv1.2 accepted ("
                    + tls12.negotiatedSuite() + ")");
        }
        else if (accepts13) {
            findings.pass("TLSv1.3 accepted (" + tls13.negotiatedSuite() + ")");
            findings.note("TLSv1.2 refused (" + refusal(tls12) + "); clients without TLS 1.3 cannot connect");
        }
        else if (accepts12) {
            findings.pass("TLSv1.2 accepted (" + tls12.negotiatedSuite() + ")");
            findings.note("TLSv1.3 refused (" + refusal(tls13) + "); enabling it is recommended");
        }
        else {
            findings.inconclusive("the server refused both TLS 1.2 (" + refusal(tls12) + ") and TLS 1.3 ("
                    + refusal(tls13) + ") with every suite the probe offers, so the transport could not be "
                    + "examined");
        }

        List<X509Certificate> chain = new ArrayList<>();
        for (Result result : List.of(tls12, tls13)) {
            if (chain.isEmpty() && result.completed()) {
                chain.addAll(result.certificates());
            }
        }
        return chain;
    }

    static String refusal(Result result) {
        if (result.serverHello().isPresent()) {
            return "the server answered with " + result.negotiatedProtocol() + " and " + result.negotiatedSuite()
                    + ", which was not offered";
        }
        return result.problem().isEmpty() ? "no ServerHello" : result.problem();
    }

    @SafeVarargs
    private static List<Suite> concat(List<Suite>... groups) {
        List<Suite> all = new ArrayList<>();
        for (List<Suite> group : groups) {
            all.addAll(group);
        }
        return List.copyOf(all);
    }
}
