package org.selfcare.conformance.cases.transport;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Server TLS contexts with self-signed certificates for localhost that keep or break the certificate rules.
 */
final class TestCertificates {

    private TestCertificates() {
    }

    /** RSA 2048, SHA-256, valid from an hour ago until 366 days from now. */
    static SSLContext sound() {
        Instant now = Instant.now();
        return context(2048, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(366)), "SHA256withRSA");
    }

    static SSLContext expired() {
        Instant now = Instant.now();
        return context(2048, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), "SHA256withRSA");
    }

    static SSLContext smallKey() {
        Instant now = Instant.now();
        return context(1024, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(366)), "SHA256withRSA");
    }

    static SSLContext sha1Signed() {
        Instant now = Instant.now();
        return context(2048, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(366)), "SHA1withRSA");
    }

    static SSLContext context(int rsaBits, Instant notBefore, Instant notAfter, String signatureAlgorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(rsaBits, new SecureRandom());
            KeyPair keyPair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter), name,
                    keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keyPair.getPrivate())));

            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "transport-test".toCharArray();
            store.setKeyEntry("site", keyPair.getPrivate(), password, new X509Certificate[] { certificate });
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        }
        catch (GeneralSecurityException | IOException | OperatorCreationException ex) {
            throw new IllegalStateException("Cannot create a test certificate", ex);
        }
    }
}
