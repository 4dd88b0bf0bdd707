package org.selfcare.conformance.cases.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.cases.transport.TransportTarget.Options;
import org.selfcare.conformance.cases.transport.TransportTarget.PlainHttp;
import org.selfcare.conformance.evidence.TlsHandshake;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.CaseRunner;
import org.selfcare.conformance.support.ProfileFiles;

class EncryptedTransportCaseTest {

    private static SSLContext soundTls;

    private static CaseResult soundResult;

    @TempDir
    static Path folder;

    @BeforeAll
    static void runAgainstSoundTarget() throws IOException {
        soundTls = TestCertificates.sound();
        soundResult = run(Options.sound(soundTls));
    }

    @Test
    void soundTargetPasses() {
        assertThat(soundResult.verdict()).as(String.join("\n", soundResult.findings())).isEqualTo(Verdict.PASS);
    }

    @Test
    void soundTargetRefusesTls10And11() {
        assertThat(handshake(soundResult, "TLSv1.0").accepted()).isFalse();
        assertThat(handshake(soundResult, "TLSv1.1").accepted()).isFalse();
    }

    @Test
    void soundTargetNegotiatesTls13() {
        assertThat(handshake(soundResult, "TLSv1.3").negotiatedProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void soundTargetRefusesEveryWeakGroup() {
        assertThat(soundResult.findings()).filteredOn((line) -> line.contains("suites refused"))
                .hasSize(CipherSuites.WEAK_GROUPS.size());
    }

    @Test
    void soundTargetRedirectsPlainHttp() {
        assertThat(soundResult.findings()).anyMatch((line) -> line.startsWith("PASS: http://") && line.contains(
                "redirects to https://"));
    }

    @Test
    void soundTargetChecksSessionCookie() {
        assertThat(soundResult.findings()).contains("PASS: the cookie SESSION is Secure");
    }

    @Test
    void failsWhenTls11Accepted() throws IOException {
        CaseResult result = run(Options.sound(soundTls)
                .withProtocols(List.of("TLSv1.1", "TLSv1.2", "TLSv1.3"))
                .withSuites(with(TransportTarget.AEAD_SUITES, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("accepts TLSv1.1");
    }

    @Test
    void failsWhenCbcSuiteAccepted() throws IOException {
        CaseResult result = run(Options.sound(soundTls)
                .withSuites(with(TransportTarget.AEAD_SUITES, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384")));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("CBC (non-AEAD) suite TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
    }

    @Test
    void failsWhenTripleDesAccepted() throws IOException {
        CaseResult result = run(Options.sound(soundTls)
                .withProtocols(List.of("TLSv1.2"))
                .withSuites(List.of("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA")));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.findings()).contains("FAIL: the server accepts the 3DES suite "
                + "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA at TLSv1.2");
    }

    /** Bouncy Castle does not implement RC4, so this shows that the server's ServerHello alone counts. */
    @Test
    void failsWhenRc4Accepted() throws IOException {
        CaseResult result = run(Options.sound(soundTls)
                .withSuites(with(TransportTarget.AEAD_SUITES, "SSL_RSA_WITH_RC4_128_SHA")));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("RC4 suite TLS_RSA_WITH_RC4_128_SHA");
    }

    @Test
    void failsWithoutHsts() throws IOException {
        CaseResult result = run(Options.sound(soundTls).withHsts(null));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("no Strict-Transport-Security header");
    }

    @Test
    void failsWhenHstsShorterThanAYear() throws IOException {
        CaseResult result = run(Options.sound(soundTls).withHsts("max-age=86400"));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("max-age of / is 86400 seconds");
    }

    @Test
    void failsWhenSessionCookieNotSecure() throws IOException {
        CaseResult result = run(Options.sound(soundTls).withSessionCookieAttributes("Path=/; HttpOnly"));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("cookie SESSION set by /signin has no Secure attribute");
    }

    @Test
    void failsWhenPlainHttpServesContent() throws IOException {
        CaseResult result = run(Options.sound(soundTls).withPlainHttp(PlainHttp.CONTENT));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("serves content over plain HTTP (status 200");
    }

    @Test
    void passesWhenPlainHttpClosed() throws IOException {
        CaseResult result = run(Options.sound(soundTls).withPlainHttp(PlainHttp.CLOSED));

        assertThat(result.verdict()).as(String.join("\n", result.findings())).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).anyMatch((line) -> line.startsWith("PASS: plain HTTP closed"));
    }

    @Test
    void failsWhenCertificateExpired() throws IOException {
        CaseResult result = run(Options.sound(soundTls).withTls(TestCertificates.expired()));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("CN=localhost expired on");
    }

    @Test
    void failsWhenKeyTooSmall() throws IOException {
        CaseResult result = run(Options.sound(soundTls).withTls(TestCertificates.smallKey()));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("has a 1024-bit RSA key");
    }

    @Test
    void failsWhenCertificateSignedWithSha1() throws IOException {
        CaseResult result = run(Options.sound(soundTls).withTls(TestCertificates.sha1Signed()));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("is signed with SHA1withRSA");
    }

    @Test
    void failsWhenCertificateUntrusted() throws IOException {
        try (TransportTarget target = TransportTarget.start(Options.sound(soundTls))) {
            CaseResult result = CaseRunner.run(new EncryptedTransportCase(), target.uri(),
                    ProfileFiles.load(folder, target.profile(false)));

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).startsWith("the HTTPS client rejected the server: TLS failure");
        }
    }

    @Test
    void failsForPlainHttpTarget() throws IOException {
        try (TransportTarget target = TransportTarget.start(Options.sound(soundTls))) {
            URI plain = URI.create("http://localhost:" + target.uri().getPort() + "/");

            CaseResult result = CaseRunner.run(new EncryptedTransportCase(), plain,
                    ProfileFiles.load(folder, target.profile()));

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("is plain HTTP");
        }
    }

    private static CaseResult run(Options options) throws IOException {
        try (TransportTarget target = TransportTarget.start(options)) {
            return CaseRunner.run(new EncryptedTransportCase(), target.uri(),
                    ProfileFiles.load(folder, target.profile()));
        }
    }

    private static TlsHandshake handshake(CaseResult result, String offeredProtocol) {
        return result.evidence().stream()
                .filter(TlsHandshake.class::isInstance)
                .map(TlsHandshake.class::cast)
                .filter((handshake) -> handshake.offeredProtocol().equals(offeredProtocol))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no handshake offering " + offeredProtocol));
    }

    private static List<String> with(List<String> suites, String extra) {
        return Stream.concat(suites.stream(), Stream.of(extra)).toList();
    }
}
