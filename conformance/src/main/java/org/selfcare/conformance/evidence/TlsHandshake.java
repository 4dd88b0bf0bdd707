package org.selfcare.conformance.evidence;

import java.time.Instant;
import java.util.List;

/**
 * One TLS handshake attempt: what the probe offered and what the server did.
 *
 * @param at when the handshake started
 * @param host server name
 * @param port server port
 * @param offeredProtocol the protocol version offered, such as {@code TLSv1.1}
 * @param offeredSuites the cipher suites offered
 * @param accepted whether the server completed the handshake
 * @param negotiatedProtocol the version agreed, or empty
 * @param negotiatedSuite the suite agreed, or empty
 * @param detail the server's alert or the certificate seen, in plain words
 */
public record TlsHandshake(Instant at, String host, int port, String offeredProtocol, List<String> offeredSuites,
        boolean accepted, String negotiatedProtocol, String negotiatedSuite, String detail) implements Evidence {

    public TlsHandshake {
        offeredSuites = List.copyOf(offeredSuites);
    }
}
