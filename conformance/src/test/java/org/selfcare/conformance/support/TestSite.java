package org.selfcare.conformance.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small web site on 127.0.0.1 for the kit's own tests: plain HTTP or HTTPS with a fresh self-signed
 * certificate, and handlers each test writes to keep or break an X.1470 rule. Built on the JDK's HTTP server,
 * so the kit talks to a real server over real sockets.
 */
public final class TestSite implements AutoCloseable {

    private final HttpServer server;

    private final String scheme;

    private TestSite(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
    }

    public static TestSite http() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        return start(server, "http");
    }

    public static TestSite https() throws IOException {
        return https(selfSignedContext());
    }

    public static TestSite https(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return start(server, "https");
    }

    /**
     * Starts an HTTPS site that enables exactly the given protocols, such as {@code TLSv1.1}, and cipher suites.
     * A protocol or suite that {@code jdk.tls.disabledAlgorithms} lists stays off unless the test JVM clears
     * that property, as this module's surefire configuration does.
     */
    public static TestSite https(SSLContext context, List<String> protocols, List<String> cipherSuites)
            throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setProtocols(protocols.toArray(String[]::new));
                ssl.setCipherSuites(cipherSuites.toArray(String[]::new));
                parameters.setSSLParameters(ssl);
            }
        });
        return start(server, "https");
    }

    private static TestSite start(HttpServer server, String scheme) {
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return new TestSite(server, scheme);
    }

    public TestSite handle(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    public URI uri() {
        return URI.create(scheme + "://localhost:" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /**
     * Sends a response with the given status, headers and body.
     */
    public static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    public static void redirect(HttpExchange exchange, String location) throws IOException {
        respond(exchange, 302, Map.of("Location", location), "");
    }

    /**
     * Reads an {@code application/x-www-form-urlencoded} request body.
     */
    public static Map<String, String> form(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return fields;
        }
    }

    /**
     * Returns the value of one request cookie, or {@code null}.
     */
    public static String cookie(HttpExchange exchange, String name) {
        List<String> headers = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String header : headers) {
            for (String part : header.split(";")) {
                String[] pair = part.trim().split("=", 2);
                if (pair.length == 2 && pair[0].equals(name)) {
                    return pair[1];
                }
            }
        }
        return null;
    }

    /**
     * Returns a TLS context with a new self-signed RSA 2048 certificate for localhost, valid for a day.
     */
    public static SSLContext selfSignedContext() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair keyPair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))), name, keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));

            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "test-site".toCharArray();
            store.setKeyEntry("site", keyPair.getPrivate(), password, new X509Certificate[] { certificate });
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        }
        catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException ex) {
            throw new IllegalStateException("Cannot create a self-signed test certificate", ex);
        }
    }
}
