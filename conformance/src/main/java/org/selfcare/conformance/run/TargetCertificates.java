package org.selfcare.conformance.run;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.selfcare.conformance.http.TlsTrust;
import org.selfcare.conformance.profile.InvalidProfileException;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.sandbox.payments.PaymentSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates the kit's payment sandbox trusts when it sends notifications to the deployment: the same the
 * kit trusts for the deployment itself.
 */
final class TargetCertificates {

    private static final Logger logger = LoggerFactory.getLogger(TargetCertificates.class);

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private TargetCertificates() {
    }

    /**
     * Returns the trust anchors for notifications to the target: the authorities of {@code tls.ca-file}, the
     * certificate the target presents when the profile sets {@code tls.insecure}, and otherwise none, which
     * means the JVM's trust store.
     */
    static List<X509Certificate> webhookTrust(URI target, TargetProfile profile) {
        if (profile.tls().caFile().isPresent()) {
            try {
                return PaymentSandbox.readCertificates(Files.readString(profile.tls().caFile().get(),
                        StandardCharsets.US_ASCII));
            }
            catch (IOException | IllegalArgumentException ex) {
                throw new InvalidProfileException("tls.ca-file: " + ex.getMessage());
            }
        }
        if (profile.tls().insecure() && "https".equals(target.getScheme())) {
            return presented(target);
        }
        return List.of();
    }

    /**
     * Returns the chain the target presents in a TLS handshake, accepted as it is, as {@code tls.insecure}
     * accepts it for the kit's own requests. Empty when the handshake fails, so notifications fail visibly.
     */
    private static List<X509Certificate> presented(URI target) {
        int port = (target.getPort() > 0) ? target.getPort() : 443;
        try (SSLSocket socket = (SSLSocket) TlsTrust.anyCertificate().getSocketFactory().createSocket()) {
            socket.connect(new java.net.InetSocketAddress(target.getHost(), port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            socket.startHandshake();
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : socket.getSession().getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
            return chain;
        }
        catch (IOException ex) {
            logger.warn("Could not read the certificate of {}:{} for the payment sandbox's notifications: {}",
                    target.getHost(), port, ex.getMessage());
            return List.of();
        }
    }
}
