package org.selfcare.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A browser-like HTTPS client for integration tests: it trusts only the certificate the portal generated in
 * its data folder, keeps cookies, and does not follow redirects, so tests see them. Like the portal's pages, it
 * signs every {@code /api/v1} request of a signed-in session with the session key, which it fetches on first use,
 * and verifies the signature of each response; {@link #sendRaw} sends a request as it is, for tests that attack.
 */
public final class PortalClient {

    /**
     * The CAPTCHA test key that {@link PortalTest} and {@link DemoPortalTest} configure, as a deployment would
     * for a conformance run. {@link #signIn} sends it in place of the code in the picture.
     */
    public static final String CAPTCHA_TEST_KEY = "test-key-3f9c2a7e5b1d4c86";

    private static final String SESSION_KEY_PATH = "/api/v1/session-key";

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;

    private final String base;

    private final RequestSigner signer = new RequestSigner();

    /** The session key of the current session, or null before it is fetched and after a new sign-in. */
    private RequestSigner.Key sessionKey;

    /** The clock the signature timestamps come from: the portal's own clock where a test replaces it. */
    private final Clock clock;

    public PortalClient(int port) {
        this(port, Path.of(System.getProperty("selfcare.data-dir", "data")));
    }

    /**
     * Creates a client whose signatures carry the time of {@code clock}, for tests that move the portal's clock
     * past the request window.
     */
    public PortalClient(int port, Clock clock) {
        this(port, Path.of(System.getProperty("selfcare.data-dir", "data")), clock);
    }

    public PortalClient(int port, Path dataDir) {
        this(port, dataDir, Clock.systemUTC());
    }

    private PortalClient(int port, Path dataDir, Clock clock) {
        this.clock = clock;
        this.base = "https://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .sslContext(trustingPortalCertificate(dataDir))
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Returns an SSL context whose only trusted certificate is the one in the portal's generated keystore.
     */
    public static SSLContext trustingPortalCertificate() {
        return trustingPortalCertificate(Path.of(System.getProperty("selfcare.data-dir", "data")));
    }

    public static SSLContext trustingPortalCertificate(Path dataDir) {
        try (InputStream in = Files.newInputStream(dataDir.resolve("keystore.p12"))) {
            char[] password = Files.readString(dataDir.resolve("keystore.password")).strip().toCharArray();
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("portal", keystore.getCertificate("tls"));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot read the portal's generated keystore in " + dataDir, ex);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET().build());
    }

    public HttpResponse<String> getPage(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build());
    }

    /**
     * Signs in through the real form, CSRF token and CAPTCHA test key included, and returns the response to the
     * form post.
     */
    public HttpResponse<String> signIn(String msisdn, String password) {
        return postForm("/signin", Map.of("msisdn", msisdn, "password", password, "captcha", CAPTCHA_TEST_KEY));
    }

    /**
     * Posts a JSON body with the session's CSRF token in the {@code X-CSRF-TOKEN} header, as the portal's pages do.
     */
    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-CSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /**
     * Proves the signed-in subscriber's identity for {@code purpose} with the service password, through the JSON
     * API, and returns the response.
     */
    public HttpResponse<String> stepUp(String purpose, String servicePassword) {
        return postJson("/api/v1/stepup/verify", "{\"purpose\": \"" + purpose
                + "\", \"method\": \"service-password\", \"secret\": \"" + servicePassword + "\"}");
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return postForm(path, fields, csrfToken());
    }

    /**
     * Posts a form with a CSRF token read earlier, for tests that need the sign-in page's state (its
     * verification code) between loading the page and posting.
     */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, String token) {
        String body = fields.entrySet()
                .stream()
                .map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&")) + "&_csrf=" + encode(token);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public String csrfToken() {
        return findCsrfToken().orElseThrow(() -> new IllegalStateException("The sign-in page has no CSRF field"));
    }

    private Optional<String> findCsrfToken() {
        Matcher matcher = CSRF_FIELD.matcher(getPage("/signin").body());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public HttpResponse<byte[]> getBytes(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException ex) {
            throw new IllegalStateException("Request to " + request.uri() + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }

    /**
     * Sends a request, signing it first when it goes to the signed API, and verifies the response's signature. A
     * sign-in or sign-out drops the session key, because the next session starts without one.
     */
    public HttpResponse<String> send(HttpRequest request) {
        String path = request.uri().getRawPath();
        if ("POST".equals(request.method()) && (path.equals("/signin") || path.equals("/signout"))) {
            sessionKey = null;
        }
        if (!path.startsWith("/api/v1/") || path.equals(SESSION_KEY_PATH)) {
            return sendRaw(request);
        }
        if (sessionKey == null && !fetchSessionKey()) {
            // Not signed in: the portal rejects the request before it looks for a signature.
            return sendRaw(request);
        }

        byte[] body = RequestSigner.bodyOf(request);
        String nonce = RequestSigner.newNonce();
        String signature = signer.sign(sessionKey, request.method(), path, request.uri().getRawQuery(), body,
                clock.instant().getEpochSecond(), nonce);
        HttpRequest signed = HttpRequest.newBuilder(request, (name, value) -> true)
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .header(RequestSigner.REQUEST_HEADER, signature)
                .build();
        HttpResponse<String> response = sendRaw(signed);
        signer.verifyResponse(sessionKey, nonce, response);
        return response;
    }

    /**
     * Fetches the session's key, and returns whether the portal issued one. Returns false when the client is not
     * signed in, and throws when the session already has a key that this client does not hold.
     */
    private boolean fetchSessionKey() {
        // A port without the sign-in page, such as the operator API's, has no session to sign for.
        if (findCsrfToken().isEmpty()) {
            return false;
        }
        HttpResponse<String> response = requestSessionKey();
        if (response.statusCode() == 401) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The portal did not issue a session key: " + response.statusCode()
                    + " " + response.body());
        }
        sessionKey = RequestSigner.Key.fromJson(response.body());
        return true;
    }

    /**
     * Sends {@code POST /api/v1/session-key} with the CSRF token, and returns the response as it is.
     */
    public HttpResponse<String> requestSessionKey() {
        return sendRaw(HttpRequest.newBuilder(URI.create(base + SESSION_KEY_PATH))
                .header("Accept", "application/json")
                .header("X-CSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /**
     * Returns the session key this client signs with, fetching it first when needed.
     */
    public RequestSigner.Key sessionKey() {
        if (sessionKey == null && !fetchSessionKey()) {
            throw new IllegalStateException("Sign in before asking for the session key");
        }
        return sessionKey;
    }

    public RequestSigner signer() {
        return signer;
    }

    public String base() {
        return base;
    }

    /**
     * Sends a request as it is: no signature is added and the response's signature is not checked.
     */
    public HttpResponse<String> sendRaw(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException("Request to " + request.uri() + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
