package org.selfcare.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.selfcare.sandbox.payments.PaymentSandbox;

class SelfSignedTlsTest {

    private static final char[] PASSWORD = "keystore-pass".toCharArray();

    @Test
    void keyStoreIdentityIsPresented() throws Exception {
        KeyStore keyStore = keyStoreWithKey();
        X509Certificate expected = (X509Certificate) keyStore.getCertificate("provider");

        try (PaymentSandbox provider = PaymentSandbox.builder().secretKey("sk_test_sandbox_0123456789")
                .tls(SelfSignedTls.fromKeyStore(keyStore, PASSWORD)).build()) {
            provider.start();

            assertThat(provider.certificate()).isEqualTo(expected);
            assertThat(presentedCertificate(provider.port())).isEqualTo(expected);
        }
    }

    @Test
    void keyStoreWithoutKeyIsRejected() throws Exception {
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);

        assertThatThrownBy(() -> SelfSignedTls.fromKeyStore(empty, PASSWORD))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("no private key");
    }

    private static KeyStore keyStoreWithKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=127.0.0.1");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
                        Date.from(now.plus(Duration.ofDays(1))), name, keyPair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("provider", keyPair.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
        return keyStore;
    }

    /** Returns the certificate the server on {@code port} presents, trusting whatever it is. */
    private static X509Certificate presentedCertificate(int port) throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
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
        }}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
