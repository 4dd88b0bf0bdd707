package org.selfcare.conformance.cases.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import org.selfcare.conformance.support.TestSite;

/**
 * A small portal on 127.0.0.1 for the transport case: an HTTPS site with a sign-in form and an account page,
 * and a plain HTTP port that redirects, serves content or is closed. {@link Options#sound()} keeps every rule;
 * each test changes one option to break one.
 */
final class TransportTarget implements AutoCloseable {

    static final String USERNAME = "alice";

    static final String PASSWORD = "correct-horse-7";

    static final List<String> MODERN_PROTOCOLS = List.of("TLSv1.2", "TLSv1.3");

    static final List<String> AEAD_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final String SESSION = "s3ss10n";

    private static final String SIGN_IN_FORM = "<form method=\"post\" action=\"/signin\">"
            + "<input type=\"hidden\" name=\"csrf\" value=\"t0ken\">"
            + "<input name=\"user\"><input type=\"password\" name=\"password\"></form>";

    enum PlainHttp {
        REDIRECT, CONTENT, CLOSED
    }

    /**
     * @param tls the server's key and certificate
     * @param protocols the protocols the server enables
     * @param suites the cipher suites the server enables
     * @param hsts the Strict-Transport-Security value, or {@code null} for none
     * @param sessionCookieAttributes attributes of the session cookie set at sign-in
     * @param plainHttp what the plain HTTP port does
     */
    record Options(SSLContext tls, List<String> protocols, List<String> suites, String hsts,
            String sessionCookieAttributes, PlainHttp plainHttp) {

        static Options sound(SSLContext tls) {
            return new Options(tls, MODERN_PROTOCOLS, AEAD_SUITES, "max-age=31536000; includeSubDomains",
                    "Path=/; Secure; HttpOnly; SameSite=Lax", PlainHttp.REDIRECT);
        }

        Options withTls(SSLContext value) {
            return new Options(value, protocols, suites, hsts, sessionCookieAttributes, plainHttp);
        }

        Options withProtocols(List<String> value) {
            return new Options(tls, value, suites, hsts, sessionCookieAttributes, plainHttp);
        }

        Options withSuites(List<String> value) {
            return new Options(tls, protocols, value, hsts, sessionCookieAttributes, plainHttp);
        }

        Options withHsts(String value) {
            return new Options(tls, protocols, suites, value, sessionCookieAttributes, plainHttp);
        }

        Options withSessionCookieAttributes(String value) {
            return new Options(tls, protocols, suites, hsts, value, plainHttp);
        }

        Options withPlainHttp(PlainHttp value) {
            return new Options(tls, protocols, suites, hsts, sessionCookieAttributes, value);
        }
    }

    private final TestSite https;

    private final TestSite http;

    private final int httpPort;

    private TransportTarget(TestSite https, TestSite http, int httpPort) {
        this.https = https;
        this.http = http;
        this.httpPort = httpPort;
    }

    static TransportTarget start(Options options) throws IOException {
        TestSite https = TestSite.https(options.tls(), options.protocols(), options.suites());
        https.handle("/", (exchange) -> root(exchange, options))
                .handle("/signin", (exchange) -> signIn(exchange, options))
                .handle("/account", TransportTarget::account);

        TestSite http = null;
        int httpPort;
        switch (options.plainHttp()) {
            case REDIRECT -> {
                http = TestSite.http().handle("/", (exchange) -> TestSite.respond(exchange, 301,
                        Map.of("Location", "https://localhost:" + https.port() + exchange.getRequestURI()), ""));
                httpPort = http.port();
            }
            case CONTENT -> {
                http = TestSite.http().handle("/", (exchange) -> TestSite.respond(exchange, 200,
                        Map.of("Content-Type", "text/html"), "<h1>Sign in</h1>" + SIGN_IN_FORM));
                httpPort = http.port();
            }
            default -> httpPort = closedPort();
        }
        return new TransportTarget(https, http, httpPort);
    }

    URI uri() {
        return https.uri();
    }

    /** Returns a profile that accepts the site's self-signed certificate, as a test deployment's would. */
    String profile() {
        return profile(true);
    }

    /**
     * Returns the profile of this site.
     *
     * @param insecure whether the kit accepts any certificate; without it, the JDK's authorities decide
     */
    String profile(boolean insecure) {
        return """
                type: form-login
                tls:
                  insecure: %s
                sign-in:
                  page: /signin
                  username-field: user
                  password-field: password
                  success:
                    redirect-contains: /account
                  failure:
                    redirect-contains: failed
                protected-path: /account
                accounts:
                  - username: %s
                    password: %s
                http-port: %d
                """.formatted(insecure, USERNAME, PASSWORD, httpPort);
    }

    @Override
    public void close() {
        https.close();
        if (http != null) {
            http.close();
        }
    }

    private static void root(HttpExchange exchange, Options options) throws IOException {
        if (!"/".equals(exchange.getRequestURI().getPath())) {
            TestSite.respond(exchange, 404, Map.of(), "not found");
            return;
        }
        addHsts(exchange, options);
        TestSite.respond(exchange, 200, Map.of("Content-Type", "text/html",
                "Set-Cookie", "lang=en; Path=/; Secure; SameSite=Lax"), "<h1>Selfcare</h1>");
    }

    private static void signIn(HttpExchange exchange, Options options) throws IOException {
        addHsts(exchange, options);
        if ("GET".equals(exchange.getRequestMethod())) {
            TestSite.respond(exchange, 200, Map.of("Content-Type", "text/html"), SIGN_IN_FORM);
            return;
        }
        Map<String, String> form = TestSite.form(exchange);
        boolean valid = "t0ken".equals(form.get("csrf")) && USERNAME.equals(form.get("user"))
                && PASSWORD.equals(form.get("password"));
        if (!valid) {
            TestSite.redirect(exchange, "/signin?failed");
            return;
        }
        TestSite.respond(exchange, 302, Map.of("Location", "/account",
                "Set-Cookie", "SESSION=" + SESSION + "; " + options.sessionCookieAttributes()), "");
    }

    private static void account(HttpExchange exchange) throws IOException {
        if (SESSION.equals(TestSite.cookie(exchange, "SESSION"))) {
            TestSite.respond(exchange, 200, Map.of("Content-Type", "text/html"), "<h1>Your account</h1>");
        }
        else {
            TestSite.redirect(exchange, "/signin");
        }
    }

    private static void addHsts(HttpExchange exchange, Options options) {
        if (options.hsts() != null) {
            exchange.getResponseHeaders().add("Strict-Transport-Security", options.hsts());
        }
    }

    /** Returns a loopback port that nothing listens on, by opening and closing a server socket. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
