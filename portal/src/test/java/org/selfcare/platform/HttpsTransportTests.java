package org.selfcare.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PortalTest
class HttpsTransportTests {

    @LocalServerPort
    int port;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void tls13IsAccepted() throws IOException {
        assertThat(handshake("TLSv1.3", null).getSession().getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void tls12IsAcceptedWithAeadSuite() throws IOException {
        SSLSocket socket = handshake("TLSv1.2", null);

        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(socket.getSession().getCipherSuite()).containsAnyOf("_GCM_", "_CHACHA20_POLY1305_");
    }

    @Test
    void tls11IsRefused() {
        assertThatThrownBy(() -> handshake("TLSv1.1", null)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void tls10IsRefused() {
        assertThatThrownBy(() -> handshake("TLSv1", null)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void tls12WithCbcSuiteIsRefused() {
        assertThatThrownBy(() -> handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpOnlyRedirectsToHttps() throws Exception {
        int httpPort = httpPort();
        var client = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        var request = java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/api/v1/balance"))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("https://localhost:" + port + "/api/v1/balance");
        assertThat(response.body()).doesNotContain("balance");
    }

    @Test
    void responsesCarryStrictSecurityHeaders() {
        HttpResponse<String> response = new PortalClient(port).getPage("/signin");

        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                (hsts) -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying((csp) -> assertThat(csp)
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void sessionCookieIsSecureHttpOnlyAndStrict() {
        HttpResponse<String> response = new PortalClient(port).getPage("/signin");

        assertThat(response.headers().allValues("Set-Cookie")).anySatisfy((cookie) -> assertThat(cookie)
                .startsWith("__Host-SELFCARE=")
                .contains("Secure")
                .contains("HttpOnly")
                .contains("SameSite=Strict"));
    }

    @Test
    void signInPageHasNoInlineScript() {
        String page = new PortalClient(port).getPage("/signin").body();

        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(page).doesNotContain("onclick=").doesNotContain("onload=");
    }

    private SSLSocket handshake(String protocol, String cipherSuite) throws IOException {
        SSLSocket socket = (SSLSocket) PortalClient.trustingPortalCertificate()
                .getSocketFactory()
                .createSocket("localhost", port);
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] { protocol });
        if (cipherSuite != null) {
            socket.setEnabledCipherSuites(new String[] { cipherSuite });
        }
        socket.startHandshake();
        return socket;
    }

    private int httpPort() {
        var server = (org.springframework.boot.tomcat.TomcatWebServer) context.getWebServer();
        return java.util.Arrays.stream(server.getTomcat().getService().findConnectors())
                .filter((connector) -> "http".equals(connector.getScheme()))
                .findFirst()
                .orElseThrow()
                .getLocalPort();
    }
}
