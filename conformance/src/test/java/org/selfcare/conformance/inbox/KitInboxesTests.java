package org.selfcare.conformance.inbox;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.evidence.Redactor;
import org.selfcare.conformance.support.ProfileFiles;
import org.selfcare.sandbox.payments.PaymentSandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KitInboxesTests {

    @TempDir
    Path folder;

    @Test
    void profileSectionsStartBoth() throws Exception {
        var profile = ProfileFiles.load(folder, "type: selfcare\nsms: {port: 0, password: s3cret}\nmail: {port: 0}\n");

        try (KitInboxes inboxes = KitInboxes.start(profile)) {
            int smpp = inboxes.smppPort().orElseThrow();
            int smtp = inboxes.smtpPort().orElseThrow();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), smtp)) {
                assertThat(socket.isConnected()).isTrue();
            }
            assertThat(smpp).isPositive();
            assertThat(inboxes.sms(new Redactor(List.of()))).isPresent();
        }
    }

    @Test
    void withoutSectionsNothingStarts() throws Exception {
        var profile = ProfileFiles.load(folder, "type: selfcare\n");

        try (KitInboxes inboxes = KitInboxes.start(profile)) {
            assertThat(inboxes.smppPort()).isEmpty();
            assertThat(inboxes.smtpPort()).isEmpty();
            assertThat(inboxes.sms(new Redactor(List.of()))).isEmpty();
        }
    }

    @Test
    void paymentSandboxPresentsProfileKeystore() throws Exception {
        Path keystore = folder.resolve("provider.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "provider", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "keystore-pass-1470").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();
        var profile = ProfileFiles.load(folder, """
                type: selfcare
                payment:
                  secret-key: sk_test_0123456789abcdef
                  webhook-secret: whsec_0123456789abcdef
                  keystore: provider.p12
                  keystore-password: keystore-pass-1470
                """);
        KeyStore expected = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(keystore)) {
            expected.load(in, "keystore-pass-1470".toCharArray());
        }

        try (KitInboxes inboxes = KitInboxes.start(profile)) {
            PaymentSandbox sandbox = inboxes.payments().orElseThrow();

            assertThat(sandbox.certificate()).isEqualTo(expected.getCertificate("provider"));
            assertThat(sandbox.port()).isPositive();
        }
    }

    @Test
    void wrongKeystorePasswordStopsStart() throws Exception {
        Path keystore = folder.resolve("provider.p12");
        java.nio.file.Files.write(keystore, new byte[] { 1, 2, 3 });
        var profile = ProfileFiles.load(folder, """
                type: selfcare
                payment:
                  secret-key: sk_test_0123456789abcdef
                  webhook-secret: whsec_0123456789abcdef
                  keystore: provider.p12
                  keystore-password: wrong
                """);

        assertThatThrownBy(() -> KitInboxes.start(profile)).isInstanceOf(KitInboxes.InboxStartException.class)
                .hasMessageContaining("payment.keystore");
    }
}
