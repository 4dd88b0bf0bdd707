package org.selfcare.conformance.cases.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.selfcare.conformance.model.Findings;

/**
 * Reads the server's certificate chain as the TLS handshake delivered it: validity dates, key sizes, signature
 * algorithms, whether the leaf is self-signed and whether it names the target's host. Whether the chain is
 * trusted is checked by the kit's HTTPS client, with the profile's trust settings.
 */
final class CertificateCheck {

    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    static final int MIN_RSA_BITS = 2048;

    static final int MIN_EC_BITS = 256;

    private static final int SAN_DNS = 2;

    private static final int SAN_IP = 7;

    private CertificateCheck() {
    }

    /**
     * Checks the chain, leaf first.
     *
     * @param lenient whether the profile declares a test deployment ({@code tls.insecure}), which makes a
     *        host name mismatch a note instead of a failure
     */
    static void run(List<X509Certificate> chain, String host, Instant now, boolean lenient, Findings findings) {
        if (chain.isEmpty()) {
            findings.inconclusive("no TLS handshake completed, so the server's certificate could not be read");
            return;
        }
        X509Certificate leaf = chain.get(0);
        String subject = leaf.getSubjectX500Principal().getName();

        validity(leaf, subject, now, findings);
        for (int index = 0; index < chain.size(); index++) {
            X509Certificate certificate = chain.get(index);
            String label = (index == 0) ? "the certificate " + subject
                    : "the chain certificate " + certificate.getSubjectX500Principal().getName();
            key(certificate.getPublicKey(), label, findings);
            // A trust anchor's own signature is not checked by clients, so only issued certificates count.
            if (index == 0 || !isSelfSigned(certificate)) {
                signature(certificate, label, findings);
            }
        }
        if (isSelfSigned(leaf)) {
            findings.note("the certificate " + subject + " is self-signed; acceptable for a test deployment only");
        }
        hostName(leaf, host, subject, lenient, findings);
    }

    private static void validity(X509Certificate leaf, String subject, Instant now, Findings findings) {
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            findings.fail("the certificate " + subject + " expired on " + notAfter);
        }
        else if (now.isBefore(notBefore)) {
            findings.fail("the certificate " + subject + " is not valid before " + notBefore);
        }
        else if (now.plus(EXPIRY_WARNING).isAfter(notAfter)) {
            findings.pass("the certificate " + subject + " is valid until " + notAfter);
            findings.note("the certificate " + subject + " expires within " + EXPIRY_WARNING.toDays() + " days, on "
                    + notAfter);
        }
        else {
            findings.pass("the certificate " + subject + " is valid until " + notAfter);
        }
    }

    private static void key(PublicKey key, String label, Findings findings) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            minimum(bits, MIN_RSA_BITS, "RSA", label, findings);
        }
        else if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            minimum(bits, MIN_EC_BITS, "EC", label, findings);
        }
        else if (key instanceof DSAPublicKey dsa) {
            findings.fail(label + " has a DSA key (" + dsa.getParams().getP().bitLength()
                    + " bits); use RSA of at least " + MIN_RSA_BITS + " bits or EC of at least " + MIN_EC_BITS);
        }
        else {
            findings.pass(label + " has a " + key.getAlgorithm() + " key");
        }
    }

    private static void minimum(int bits, int minimum, String algorithm, String label, Findings findings) {
        if (bits < minimum) {
            findings.fail(label + " has a " + bits + "-bit " + algorithm + " key; at least " + minimum
                    + " bits are required");
        }
        else {
            findings.pass(label + " has a " + bits + "-bit " + algorithm + " key");
        }
    }

    private static void signature(X509Certificate certificate, String label, Findings findings) {
        String algorithm = certificate.getSigAlgName();
        String upper = algorithm.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SHA1") || upper.contains("MD5") || upper.contains("MD2")) {
            findings.fail(label + " is signed with " + algorithm + ", a broken hash; use SHA-256 or stronger");
        }
        else {
            findings.pass(label + " is signed with " + algorithm);
        }
    }

    private static void hostName(X509Certificate leaf, String host, String subject, boolean lenient,
            Findings findings) {
        List<String> names = subjectAltNames(leaf);
        boolean matches = names.stream().anyMatch((name) -> matches(name, host));
        if (matches) {
            findings.pass("the certificate names the host " + host);
            return;
        }
        String problem = "the certificate " + subject + " does not name the host " + host + " in its subject "
                + "alternative names " + names;
        if (lenient) {
            findings.note(problem + " (tls.insecure is set, so this is not counted as a failure)");
        }
        else {
            findings.fail(problem);
        }
    }

    private static List<String> subjectAltNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries == null) {
                return names;
            }
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                if (type == SAN_DNS || type == SAN_IP) {
                    names.add(String.valueOf(entry.get(1)));
                }
            }
        }
        catch (CertificateParsingException ex) {
            // An unreadable extension names no host, which the caller reports.
        }
        return names;
    }

    /**
     * Returns whether a subject alternative name covers the host: equal ignoring case, the same IP address,
     * or a wildcard for exactly one leftmost label.
     */
    static boolean matches(String name, String host) {
        String lowerName = name.toLowerCase(Locale.ROOT);
        String lowerHost = host.toLowerCase(Locale.ROOT);
        if (lowerName.equals(lowerHost)) {
            return true;
        }
        if (isAddress(lowerName) && isAddress(lowerHost)) {
            try {
                return InetAddress.getByName(lowerName).equals(InetAddress.getByName(lowerHost));
            }
            catch (UnknownHostException ex) {
                return false;
            }
        }
        if (lowerName.startsWith("*.")) {
            int dot = lowerHost.indexOf('.');
            return dot > 0 && lowerHost.substring(dot).equals(lowerName.substring(1));
        }
        return false;
    }

    private static boolean isAddress(String text) {
        return text.contains(":") || text.matches("[0-9.]+");
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        }
        catch (GeneralSecurityException ex) {
            return false;
        }
    }
}
