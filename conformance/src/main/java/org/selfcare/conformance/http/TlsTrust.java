package org.selfcare.conformance.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which server certificates the kit's HTTP client accepts: the JDK's trusted authorities, the certificates in a
 * PEM file the profile names, or, for test deployments with self-signed certificates, any certificate. The
 * TLS case checks the certificate separately and reports what it found, whatever this setting is.
 */
public final class TlsTrust {

    private TlsTrust() {
    }

    public static SSLContext system() {
        try {
            return SSLContext.getDefault();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The JDK has no default TLS context", ex);
        }
    }

    public static SSLContext fromPem(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new IOException("no certificate found in " + caFile);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), new SecureRandom());
            return context;
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("cannot read certificates from " + caFile + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Returns a context that accepts any server certificate. Only for test deployments the tester controls.
     */
    public static SSLContext anyCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new AcceptingTrustManager() }, new SecureRandom());
            return context;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot create a TLS context", ex);
        }
    }

    private static final class AcceptingTrustManager implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
