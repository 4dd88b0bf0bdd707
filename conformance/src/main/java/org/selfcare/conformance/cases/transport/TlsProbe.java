package org.selfcare.conformance.cases.transport;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Vector;

import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.selfcare.conformance.cases.transport.CipherSuites.Suite;
import org.selfcare.conformance.cases.transport.ServerFlight.ServerHello;
import org.selfcare.conformance.evidence.EvidenceLog;
import org.selfcare.conformance.evidence.TlsHandshake;

/**
 * Makes single TLS handshakes with exactly the protocol versions and cipher suites given, using Bouncy Castle's
 * own TLS client so that nothing depends on, or changes, what the JDK enables. Each attempt is recorded as a
 * {@link TlsHandshake}. The probe does not check the server's certificate: the case reads it separately.
 */
final class TlsProbe {

    private final String host;

    private final int port;

    private final Duration timeout;

    private final EvidenceLog evidence;

    private final Clock clock;

    private final TlsCrypto crypto = new BcTlsCrypto(new SecureRandom());

    /**
     * The outcome of one handshake attempt.
     *
     * @param offeredProtocol the versions offered, such as {@code TLSv1.1} or {@code TLSv1.2, TLSv1.1, TLSv1.0}
     * @param connected whether a TCP connection was made
     * @param clientHelloSent whether the probe sent its ClientHello
     * @param serverHello the server's choice, if it sent a ServerHello
     * @param completed whether the whole handshake completed
     * @param problem why the handshake did not complete, or empty
     * @param certificates the server's certificate chain, leaf first; empty when none was received
     */
    record Result(String offeredProtocol, boolean connected, boolean clientHelloSent,
            Optional<ServerHello> serverHello, boolean completed, String problem,
            List<X509Certificate> certificates) {

        /**
         * Returns whether the server agreed to one of the offered versions and suites. A ServerHello that chose
         * something not offered is a protocol error, not an acceptance.
         */
        boolean accepted(List<ProtocolVersion> versions, List<Suite> suites) {
            return serverHello.isPresent()
                    && versions.stream().anyMatch((version) -> version.getFullVersion() == serverHello.get().version())
                    && suites.stream().anyMatch((suite) -> suite.code() == serverHello.get().suite());
        }

        String negotiatedProtocol() {
            return serverHello.map((hello) -> ServerFlight.versionName(hello.version())).orElse("");
        }

        String negotiatedSuite() {
            return serverHello.map((hello) -> CipherSuites.name(hello.suite())).orElse("");
        }
    }

    TlsProbe(String host, int port, Duration timeout, EvidenceLog evidence, Clock clock) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.evidence = evidence;
        this.clock = clock;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /**
     * Offers the given versions and suites in one ClientHello and records what the server did.
     */
    Result handshake(List<ProtocolVersion> versions, List<Suite> suites) {
        Instant started = clock.instant();
        String offered = describe(versions);
        OfferingClient client = new OfferingClient(crypto, versions, suites, host);
        Result result;
        try (Socket socket = new Socket()) {
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            ServerFlight flight = new ServerFlight(socket.getInputStream());
            CountingOutputStream out = new CountingOutputStream(socket.getOutputStream());
            result = exchange(offered, client, flight, out);
        }
        catch (IOException ex) {
            result = new Result(offered, false, false, Optional.empty(), false,
                    "cannot connect to " + host + ":" + port + ": " + ex.getMessage(), List.of());
        }
        evidence.add(new TlsHandshake(started, host, port, offered, CipherSuites.names(suites),
                result.accepted(versions, suites), result.negotiatedProtocol(), result.negotiatedSuite(),
                detail(result)));
        return result;
    }

    private static Result exchange(String offered, OfferingClient client, ServerFlight flight,
            CountingOutputStream out) {
        TlsClientProtocol protocol = new TlsClientProtocol(flight, out);
        boolean completed = false;
        String problem = "";
        try {
            protocol.connect(client);
            completed = true;
            protocol.close();
        }
        catch (IOException | RuntimeException ex) {
            // Bouncy Castle may throw a RuntimeException for a suite it cannot put into a ClientHello.
            problem = failure(ex, flight, out.count() > 0);
        }
        return new Result(offered, true, out.count() > 0, flight.serverHello(), completed, problem,
                client.certificates());
    }

    private static String failure(Exception ex, ServerFlight flight, boolean clientHelloSent) {
        if (!clientHelloSent) {
            return "the probe could not build its ClientHello: " + ex;
        }
        if (ex instanceof TlsFatalAlertReceived received) {
            return "the server sent the alert " + AlertDescription.getText(received.getAlertDescription());
        }
        if (flight.serverHello().isEmpty() && flight.alert().isPresent()) {
            return "the server sent the alert " + flight.alert().get();
        }
        if (!flight.receivedAnything()) {
            // Bouncy Castle raises an alert of its own when the server closes the connection silently.
            return (ex instanceof SocketTimeoutException) ? "the server sent nothing before the time-out"
                    : "the server closed the connection without a response";
        }
        if (ex instanceof TlsFatalAlert) {
            return "the probe ended the handshake: " + ex.getMessage();
        }
        return "the connection failed: " + ex.getMessage();
    }

    private static String describe(List<ProtocolVersion> versions) {
        List<String> names = versions.stream().map((version) -> ServerFlight.versionName(version.getFullVersion()))
                .toList();
        return (names.size() == 1) ? names.get(0) : String.join(", ", names);
    }

    private static String detail(Result result) {
        if (!result.connected()) {
            return result.problem();
        }
        if (!result.clientHelloSent()) {
            return result.problem();
        }
        StringBuilder text = new StringBuilder();
        if (result.serverHello().isPresent()) {
            text.append("the server chose ").append(result.negotiatedProtocol()).append(" with ")
                    .append(result.negotiatedSuite());
        }
        else {
            text.append("the server refused");
        }
        if (result.completed()) {
            text.append("; handshake completed");
        }
        else if (!result.problem().isEmpty()) {
            text.append("; ").append(result.problem());
        }
        if (!result.certificates().isEmpty()) {
            text.append("; certificate ").append(result.certificates().get(0).getSubjectX500Principal().getName());
        }
        return text.toString();
    }

    /**
     * A Bouncy Castle client that offers exactly the given versions and suite codes, including suites it does
     * not implement, and keeps the server's certificate chain without judging it.
     */
    private static final class OfferingClient extends AbstractTlsClient {

        private final ProtocolVersion[] versions;

        private final int[] suites;

        private final String host;

        private final List<X509Certificate> certificates = new ArrayList<>();

        OfferingClient(TlsCrypto crypto, List<ProtocolVersion> versions, List<Suite> suites, String host) {
            super(crypto);
            this.versions = versions.toArray(ProtocolVersion[]::new);
            this.suites = suites.stream().mapToInt(Suite::code).toArray();
            this.host = host;
        }

        List<X509Certificate> certificates() {
            return List.copyOf(certificates);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return versions.clone();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return suites.clone();
        }

        @Override
        protected Vector<ServerName> getSNIServerNames() {
            // Server Name Indication carries host names only, never address literals.
            if (host.contains(":") || host.matches("[0-9.]+")) {
                return null;
            }
            Vector<ServerName> names = new Vector<>();
            names.add(new ServerName(NameType.host_name, host.getBytes(StandardCharsets.US_ASCII)));
            return names;
        }

        @Override
        public boolean shouldCheckSigAlgOfPeerCerts() {
            // The case reports weak certificate signatures itself; the probe must still see the certificate.
            return false;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {

                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    CertificateFactory factory;
                    try {
                        factory = CertificateFactory.getInstance("X.509");
                        for (TlsCertificate certificate : serverCertificate.getCertificate().getCertificateList()) {
                            certificates.add((X509Certificate) factory.generateCertificate(
                                    new ByteArrayInputStream(certificate.getEncoded())));
                        }
                    }
                    catch (CertificateException ex) {
                        throw new IOException("cannot read the server's certificate: " + ex.getMessage(), ex);
                    }
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) {
                    return null;
                }
            };
        }
    }

    /** Counts the bytes written, to tell whether the ClientHello went out. */
    private static final class CountingOutputStream extends FilterOutputStream {

        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int value) throws IOException {
            out.write(value);
            count++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            count += length;
        }

        long count() {
            return count;
        }
    }
}
