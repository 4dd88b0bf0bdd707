package org.selfcare.conformance.cases.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.selfcare.conformance.cases.transport.CipherSuites.Suite;
import org.selfcare.conformance.cases.transport.ServerFlight.ServerHello;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.Verdict;

class TransportChecksTest {

    @Test
    void suiteNamesMatchBouncyCastleConstants() throws ReflectiveOperationException {
        List<Suite> all = Stream.of(CipherSuites.TLS13, CipherSuites.STRONG_TLS12, CipherSuites.RSA_KEY_TRANSPORT,
                CipherSuites.CBC, CipherSuites.TRIPLE_DES, CipherSuites.RC4, CipherSuites.EXPORT_AND_DES,
                CipherSuites.NULL_CIPHER, CipherSuites.ANONYMOUS).flatMap(List::stream).toList();
        for (Suite suite : all) {
            int code = org.bouncycastle.tls.CipherSuite.class.getField(suite.name()).getInt(null);
            assertThat(code).as(suite.name()).isEqualTo(suite.code());
        }
    }

    @Test
    void serverFlightReadsTls13FromSupportedVersions() throws IOException {
        byte[] hello = new byte[5 + 4 + 46];
        int position = 0;
        for (int value : new int[] { 0x16, 0x03, 0x03, 0x00, 50, 0x02, 0x00, 0x00, 46, 0x03, 0x03 }) {
            hello[position++] = (byte) value;
        }
        position += 32;
        for (int value : new int[] { 0x00, 0x13, 0x02, 0x00, 0x00, 0x06, 0x00, 0x2B, 0x00, 0x02, 0x03, 0x04 }) {
            hello[position++] = (byte) value;
        }

        ServerFlight flight = read(hello);

        assertThat(flight.serverHello()).contains(new ServerHello(0x0304, 0x1302));
    }

    @Test
    void serverFlightReadsAlert() throws IOException {
        ServerFlight flight = read(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 });

        assertThat(flight.alert()).contains("handshake_failure(40)");
        assertThat(flight.serverHello()).isEmpty();
    }

    @Test
    void cookieDeletionIsRecognised() {
        assertThat(CookieCheck.parse("SESSION=; Max-Age=0; Path=/", "/signout").deletion()).isTrue();
        assertThat(CookieCheck.parse("SESSION=abc; Max-Age=0", "/signout").deletion()).isFalse();
    }

    @Test
    void cookieWithoutSecureFailsAfterDeletion() {
        Findings findings = new Findings();

        CookieCheck.run(List.of(response("/signin", Map.of("set-cookie",
                List.of("SESSION=; Max-Age=0", "SESSION=abc; HttpOnly")))), findings);

        assertThat(findings.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void hstsAcceptsQuotedMaxAge() {
        Findings findings = new Findings();

        HstsCheck.run(List.of(response("/", Map.of("strict-transport-security",
                List.of("max-age=\"63072000\"; preload")))), findings);

        assertThat(findings.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void hstsWithoutMaxAgeFails() {
        Findings findings = new Findings();

        HstsCheck.run(List.of(response("/", Map.of("strict-transport-security", List.of("includeSubDomains")))),
                findings);

        assertThat(findings.reason("")).contains("has no valid max-age");
    }

    @Test
    void wildcardCoversOneLabel() {
        assertThat(CertificateCheck.matches("*.example.net", "portal.example.net")).isTrue();
        assertThat(CertificateCheck.matches("*.example.net", "a.portal.example.net")).isFalse();
        assertThat(CertificateCheck.matches("*.example.net", "example.net")).isFalse();
    }

    @Test
    void addressMatchesItsOtherSpelling() {
        assertThat(CertificateCheck.matches("0:0:0:0:0:0:0:1", "::1")).isTrue();
    }

    private static ServerFlight read(byte[] bytes) throws IOException {
        ServerFlight flight = new ServerFlight(new ByteArrayInputStream(bytes));
        flight.readAllBytes();
        return flight;
    }

    private static ProbeResponse response(String path, Map<String, List<String>> headers) {
        return new ProbeResponse(URI.create("https://portal.example.net" + path), 200, headers, "",
                Duration.ZERO, Optional.empty());
    }
}
