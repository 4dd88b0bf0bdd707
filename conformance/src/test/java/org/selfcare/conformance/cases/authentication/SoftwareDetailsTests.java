package org.selfcare.conformance.cases.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.selfcare.conformance.http.ProbeResponse;

class SoftwareDetailsTests {

    private static ProbeResponse response(Map<String, List<String>> headers, String body) {
        return new ProbeResponse(URI.create("http://localhost/signin"), 500, headers, body, Duration.ZERO,
                Optional.empty());
    }

    @Test
    void findsJavaStackTrace() {
        String body = "<pre>java.lang.NullPointerException\n\tat com.acme.Login.check(Login.java:42)</pre>";

        assertThat(SoftwareDetails.find(response(Map.of(), body), List.of()))
                .anyMatch((detail) -> detail.startsWith("a Java stack trace"))
                .anyMatch((detail) -> detail.contains("java.lang.NullPointerException"));
    }

    @Test
    void findsSqlError() {
        String body = "<p>You have an error in your SQL syntax near ''' at line 1</p>";

        assertThat(SoftwareDetails.find(response(Map.of(), body), List.of()))
                .anyMatch((detail) -> detail.startsWith("an SQL error"));
    }

    @Test
    void findsServerVersionHeader() {
        ProbeResponse response = response(Map.of("server", List.of("Jetty(9.4.51.v20230217)")), "<p>Sign in</p>");

        assertThat(SoftwareDetails.find(response, List.of()))
                .containsExactly("a server version in the Server header (Jetty(9.4.51.v20230217))");
    }

    @Test
    void findsPathInWhitelabelPage() {
        String body = "<h1>Whitelabel Error Page</h1><div>/opt/app/lib/portal.jar</div>";

        assertThat(SoftwareDetails.find(response(Map.of(), body), List.of()))
                .anyMatch((detail) -> detail.startsWith("a server or framework name (Whitelabel Error Page)"))
                .anyMatch((detail) -> detail.startsWith("a file path (/opt/app/lib/portal.jar)"));
    }

    @Test
    void ignoresEchoedInput() {
        String body = "<p>No account for &lt;script&gt;/etc/passwd&lt;/script&gt;</p>";

        assertThat(SoftwareDetails.find(response(Map.of(), body), List.of("<script>/etc/passwd</script>"))).isEmpty();
    }

    @Test
    void ignoresPlainSignInPage() {
        String body = "<a href=\"/home/help\">Help</a><script>if (e instanceof TypeError) {}</script>"
                + "<p>Sign-in failed. Express delivery is free.</p>";

        assertThat(SoftwareDetails.find(response(Map.of("server", List.of("nginx")), body), List.of())).isEmpty();
    }
}
