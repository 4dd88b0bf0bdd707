package org.selfcare.platform.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.selfcare.platform.OwnerOnlyFiles;

/**
 * Adds the transaction-encryption key to the keystore that the portal generated, when it has none yet: an RSA
 * key pair of 3072 bits under the alias {@code enc-1}, to which browsers encrypt purchase requests. PKCS#12
 * keeps a private key only with a certificate, so the public key travels in a self-signed certificate that
 * nobody needs to trust: clients take the key from the portal's JWKS over TLS. A keystore that a deployment
 * supplies is never changed.
 */
final class TransactionKeyGeneration {

    /** Alias prefix of transaction-encryption keys, the same as the integrity module reads. */
    static final String ALIAS_PREFIX = "enc-";

    static final String FIRST_ALIAS = ALIAS_PREFIX + "1";

    /** 3072 bits give about 128 bits of strength, matching the A256GCM content key's margin. */
    private static final int KEY_SIZE = 3072;

    private static final Duration VALIDITY = Duration.ofDays(3650);

    private TransactionKeyGeneration() {
    }

    /**
     * Adds {@code enc-1} to {@code keystore} unless an alias starting with {@code enc-} exists, replacing the file
     * by an atomic move.
     *
     * @return whether a key was added
     */
    static boolean addIfMissing(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (alias.startsWith(ALIAS_PREFIX)) {
                return false;
            }
        }

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(KEY_SIZE, new SecureRandom());
        KeyPair keyPair = generator.generateKeyPair();
        store.setKeyEntry(FIRST_ALIAS, keyPair.getPrivate(), password, new X509Certificate[] { certify(keyPair) });

        Path next = keystore.resolveSibling(keystore.getFileName() + ".new");
        try (OutputStream out = OwnerOnlyFiles.newOutputStream(next)) {
            store.store(out, password);
        }
        Files.move(next, keystore, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    private static X509Certificate certify(KeyPair keyPair) throws GeneralSecurityException, IOException {
        X500Name subject = new X500Name("CN=Selfcare transaction encryption");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
        try {
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        }
        catch (OperatorCreationException ex) {
            throw new GeneralSecurityException("Cannot certify the transaction-encryption key", ex);
        }
    }
}
