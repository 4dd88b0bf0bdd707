package org.selfcare.sandbox.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS server identity with a P-256 key and a self-signed certificate for localhost and 127.0.0.1, generated in
 * memory. Clients must trust it explicitly, for example by trusting exactly the certificate that {@link #pem()}
 * returns; it proves nothing about the server beyond that.
 */
public final class SelfSignedTls {

    private static final Duration VALIDITY = Duration.ofDays(30);

    private final SSLContext serverContext;
    private final X509Certificate certificate;

    private SelfSignedTls(SSLContext serverContext, X509Certificate certificate) {
        this.serverContext = serverContext;
        this.certificate = certificate;
    }

    /**
     * Generates a key pair and a certificate whose subject names {@code organisation}.
     */
    public static SelfSignedTls generate(String organisation) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keyPair = generator.generateKeyPair();
        X509Certificate certificate = selfSign(keyPair, organisation);

        char[] keyPassword = new char[0];
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try {
            keyStore.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("Creating an empty key store failed", e);
        }
        keyStore.setKeyEntry("server", keyPair.getPrivate(), keyPassword, new X509Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, keyPassword);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, new SecureRandom());
        return new SelfSignedTls(context, certificate);
    }

    /**
     * Uses the first key entry of {@code keyStore} in place of a generated one, for a deployment that must trust
     * the certificate before the sandbox starts.
     *
     * @throws GeneralSecurityException when the store has no key entry with an X.509 certificate or the password
     *         does not open it
     */
    public static SelfSignedTls fromKeyStore(KeyStore keyStore, char[] password) throws GeneralSecurityException {
        String alias = null;
        for (String candidate : java.util.Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(candidate) && keyStore.getCertificate(candidate) instanceof X509Certificate) {
                alias = candidate;
                break;
            }
        }
        if (alias == null) {
            throw new GeneralSecurityException("The key store has no private key with an X.509 certificate");
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, new SecureRandom());
        return new SelfSignedTls(context, (X509Certificate) keyStore.getCertificate(alias));
    }

    /** Returns a server context that presents the certificate. */
    public SSLContext serverContext() {
        return serverContext;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Returns the certificate in PEM form, for clients that trust exactly this server. */
    public String pem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the certificate as PEM failed", e);
        }
        return out.toString();
    }

    private static X509Certificate selfSign(KeyPair keyPair, String organisation) throws GeneralSecurityException {
        X500Name name = new X500Name("CN=localhost, O=" + organisation);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)), name, keyPair.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("Signing the self-signed certificate failed", e);
        }
    }
}
