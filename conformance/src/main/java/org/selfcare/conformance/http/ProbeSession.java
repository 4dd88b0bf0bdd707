package org.selfcare.conformance.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.selfcare.conformance.evidence.EvidenceLog;
import org.selfcare.conformance.evidence.HttpExchange;
import org.selfcare.conformance.evidence.Redactor;

/**
 * One browser-like client of the target: its own cookies, no automatic redirects (cases look at them), and
 * every exchange recorded as evidence with secrets redacted. Once {@link #startSigning} has fetched a session
 * key, every {@code /api/v1} request is signed and every response to it checked, as Selfcare's pages do.
 */
public final class ProbeSession {

    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);

    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w[\\w-]*)\\s*=\\s*\"([^\"]*)\"");

    private final URI base;

    private final HttpClient client;

    private final CookieManager cookies;

    private final EvidenceLog evidence;

    private final Redactor redactor;

    private final Duration timeout;

    private final SessionSigner signer = new SessionSigner();

    ProbeSession(URI base, SSLContext tls, Duration timeout, EvidenceLog evidence, Redactor redactor) {
        this.base = base;
        this.cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        this.evidence = evidence;
        this.redactor = redactor;
        this.timeout = timeout;
    }

    public URI resolve(String pathOrUrl) {
        return base.resolve(pathOrUrl);
    }

    public ProbeResponse get(String pathOrUrl) {
        return send("GET", pathOrUrl, Map.of("Accept", "text/html,application/json;q=0.9,*/*;q=0.8"), null);
    }

    public ProbeResponse get(String pathOrUrl, Map<String, String> headers) {
        return send("GET", pathOrUrl, headers, null);
    }

    public ProbeResponse postForm(String pathOrUrl, Map<String, String> fields) {
        return postForm(pathOrUrl, fields, Map.of());
    }

    /**
     * Posts a form with extra request headers, such as an {@code Origin} of another site.
     */
    public ProbeResponse postForm(String pathOrUrl, Map<String, String> fields, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "text/html,application/json;q=0.9,*/*;q=0.8");
        headers.putAll(extraHeaders);
        return send("POST", pathOrUrl, headers, formEncode(fields));
    }

    /**
     * Posts a {@code multipart/form-data} form with text fields and one file, as a browser's upload form does.
     * The evidence records the file's name, type and size in place of its content, and redacts secret fields.
     */
    public ProbeResponse postMultipart(String pathOrUrl, Map<String, String> fields, FilePart file) {
        String boundary = "x1470-" + Long.toHexString(System.nanoTime());
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quoted(name)).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quoted(file.field()))
                .append("\"; filename=\"").append(quoted(file.fileName())).append("\"\r\n")
                .append("Content-Type: ").append(file.contentType()).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + file.content().length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(file.content(), 0, body, start.length, file.content().length);
        System.arraycopy(end, 0, body, start.length + file.content().length, end.length);

        String recorded = "multipart/form-data: " + redactor.form(formEncode(fields)) + " file " + file.field() + "="
                + file.fileName() + " (" + file.contentType() + ", " + file.content().length + " bytes)";
        return exchange("POST", pathOrUrl,
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary,
                        "Accept", "text/html,application/json;q=0.9,*/*;q=0.8"),
                body, recorded, true);
    }

    /**
     * One file of a multipart upload.
     *
     * @param field name of the file input
     * @param fileName file name the client claims
     * @param contentType media type the client claims, whatever the bytes are
     * @param content the bytes sent
     */
    public record FilePart(String field, String fileName, String contentType, byte[] content) {
    }

    /**
     * Posts a JSON body with the given extra headers, such as a CSRF token header.
     */
    public ProbeResponse postJson(String pathOrUrl, Map<String, String> headers, String json) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        all.put("Accept", "application/json");
        return send("POST", pathOrUrl, all, json);
    }

    /**
     * Returns the hidden inputs of the form on a page, such as a CSRF token, so a form post can carry them.
     */
    public Map<String, String> hiddenFields(ProbeResponse page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(page.body());
        while (input.find()) {
            Map<String, String> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Matcher attribute = ATTRIBUTE.matcher(input.group());
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2));
            }
            if ("hidden".equalsIgnoreCase(attributes.get("type")) && attributes.containsKey("name")) {
                fields.put(attributes.get("name"), unescape(attributes.getOrDefault("value", "")));
            }
        }
        return fields;
    }

    /**
     * Returns the cookies this session holds for the target, such as the session cookie a case wants to copy
     * into another client.
     */
    public List<HttpCookie> cookies() {
        return cookies.getCookieStore().get(base);
    }

    public void addCookie(HttpCookie cookie) {
        cookies.getCookieStore().add(base, cookie);
    }

    /**
     * Sends one request and records it. Never throws for network or TLS failures: they come back as status 0.
     */
    public ProbeResponse send(String method, String pathOrUrl, Map<String, String> headers, String body) {
        boolean json = headers.getOrDefault("Content-Type", "").startsWith("application/json");
        String recordedBody = "";
        if (body != null) {
            recordedBody = json ? redactor.text(body) : redactor.form(body);
        }
        return exchange(method, pathOrUrl, headers, bytes(body), recordedBody, true);
    }

    /**
     * Sends one request exactly as given: no signature is added and none is checked, so a case can send a
     * request whose signature it altered, or none at all.
     */
    public ProbeResponse sendExactly(String method, String pathOrUrl, Map<String, String> headers, String body) {
        boolean json = headers.getOrDefault("Content-Type", "").startsWith("application/json");
        String recordedBody = "";
        if (body != null) {
            recordedBody = json ? redactor.text(body) : redactor.form(body);
        }
        return exchange(method, pathOrUrl, headers, bytes(body), recordedBody, false);
    }

    /**
     * Returns the session's signer, which has the session key once {@link #startSigning} got one.
     */
    public SessionSigner signer() {
        return signer;
    }

    /**
     * Fetches the session key ({@code POST /api/v1/session-key}, with the CSRF token and unsigned) and signs
     * every later {@code /api/v1} request with it. Call it once after each successful sign-in, because a new
     * sign-in starts a server session without a key. A target that returns 404 predates signing: the session
     * goes on unsigned and notes it. The key is added to the redactor before the exchange is recorded, so no
     * report contains it.
     *
     * @param csrf the CSRF header and token a page of the signed-in session published
     */
    public SigningStatus startSigning(Map<String, String> csrf) {
        signer.reset();
        Map<String, String> headers = new LinkedHashMap<>(csrf);
        headers.put("Accept", "application/json");
        ProbeResponse response = exchange("POST", SessionSigner.SESSION_KEY_PATH, headers, new byte[0], "", false,
                this::learnSessionKey);
        if (signer.isSigning()) {
            return SigningStatus.SIGNING;
        }
        if (response.status() == 404) {
            signer.stop(SigningStatus.NOT_OFFERED, "the target answered POST " + SessionSigner.SESSION_KEY_PATH
                    + " with 404, so it does not sign messages and this session sent its API requests unsigned");
        }
        else if (response.status() == 200) {
            signer.stop(SigningStatus.FAILED, "the target returned no usable session key (POST "
                    + SessionSigner.SESSION_KEY_PATH + " returned 200 without a base64url key of at least 16 bytes), "
                    + "so this session sent its API requests unsigned");
        }
        else {
            signer.stop(SigningStatus.FAILED, "the target issued no session key (POST " + SessionSigner.SESSION_KEY_PATH
                    + " returned " + describeStatus(response) + "), so this session sent its API requests unsigned");
        }
        return signer.status();
    }

    /**
     * Reads the key from a 200 response to the key request. The key is registered as a secret before the
     * exchange is recorded.
     */
    private void learnSessionKey(int status, byte[] body) {
        if (status != 200) {
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String key = JsonBody.text(new ProbeResponse(base, status, Map.of(), text, Duration.ZERO, Optional.empty()),
                "key");
        redactor.addSecret(key);
        try {
            byte[] decoded = java.util.Base64.getUrlDecoder().decode(key);
            if (decoded.length >= 16) {
                signer.start(decoded);
            }
        }
        catch (IllegalArgumentException ex) {
            // Not base64url: startSigning reports the session as unsigned, with the status.
        }
    }

    private ProbeResponse exchange(String method, String pathOrUrl, Map<String, String> headers, byte[] body,
            String recordedBody, boolean sign) {
        return exchange(method, pathOrUrl, headers, body, recordedBody, sign, (status, bytes) -> {
        });
    }

    private ProbeResponse exchange(String method, String pathOrUrl, Map<String, String> headers, byte[] body,
            String recordedBody, boolean sign, BodyListener listener) {
        URI uri = resolve(pathOrUrl);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(builder::header);
        Optional<String> nonce = Optional.empty();
        if (sign && signer.covers(method, uri)) {
            nonce = Optional.of(signer.newNonce());
            byte[] signedBody = (body == null) ? new byte[0] : body;
            builder.header(MessageSignatures.REQUEST_HEADER, signer.header(method, uri, signedBody,
                    SessionSigner.timestamp(Instant.now()), nonce.get()));
        }
        builder.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpRequest request = builder.build();

        Instant started = Instant.now();
        long start = System.nanoTime();
        ProbeResponse response;
        try {
            HttpResponse<InputStream> raw = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            try (InputStream in = raw.body()) {
                bytes = in.readNBytes(MAX_BODY_BYTES);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            listener.received(raw.statusCode(), bytes);
            response = new ProbeResponse(uri, raw.statusCode(), lowerCase(raw.headers().map()),
                    new String(bytes, StandardCharsets.UTF_8), elapsed, Optional.empty());
            if (nonce.isPresent()) {
                response = checkSignature(method, uri, nonce.get(), response, bytes);
            }
        }
        catch (IOException ex) {
            response = new ProbeResponse(uri, 0, Map.of(), "", Duration.ofNanos(System.nanoTime() - start),
                    Optional.of(describe(ex)));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            response = new ProbeResponse(uri, 0, Map.of(), "", Duration.ofNanos(System.nanoTime() - start),
                    Optional.of("interrupted"));
        }
        record(started, request, recordedBody, response);
        return response;
    }

    /**
     * Checks the response signature of a signed request, and keeps a problem for the case's findings when it
     * is not valid. An unsigned 401 is not a problem, because a session the target ended has no key left to
     * sign with. A 401 with {@code request_signature_invalid} means the target rejected the kit's own
     * signature, which the notes record, because every later check of the session is then in doubt.
     */
    private ProbeResponse checkSignature(String method, URI uri, String nonce, ProbeResponse response,
            byte[] body) {
        Optional<String> header = response.header(MessageSignatures.RESPONSE_HEADER);
        ResponseSignature checked = (response.status() == 401 && header.isEmpty()) ? ResponseSignature.NOT_CHECKED
                : signer.check(nonce, response.status(), header, body);
        String request = method + " " + uri.getRawPath();
        if (checked.isProblem()) {
            signer.problem("the response to " + request + " (status " + response.status() + ") carried no valid "
                    + "signature: " + checked.description());
        }
        if (response.status() == 401 && "request_signature_invalid".equals(JsonBody.text(response, "code"))) {
            signer.note("the target rejected the kit's signed request " + request + " as request_signature_invalid");
        }
        return response.withSignature(checked);
    }

    /** Sees a response body's bytes before anything is recorded. */
    @FunctionalInterface
    private interface BodyListener {

        void received(int status, byte[] body);
    }

    private static byte[] bytes(String body) {
        return (body == null) ? null : body.getBytes(StandardCharsets.UTF_8);
    }

    private static String describeStatus(ProbeResponse response) {
        return response.answered() ? "status " + response.status()
                : "no response: " + response.error().orElse("unknown error");
    }

    private void record(Instant started, HttpRequest request, String recordedBody, ProbeResponse response) {
        Map<String, List<String>> requestHeaders = new TreeMap<>();
        request.headers().map().forEach((name, values) -> requestHeaders.put(name,
                values.stream().map((value) -> redactor.header(name, value)).toList()));
        if (!cookies().isEmpty()) {
            requestHeaders.put("Cookie", List.of(Redactor.MASK));
        }
        Map<String, List<String>> responseHeaders = new TreeMap<>();
        response.headers().forEach((name, values) -> responseHeaders.put(name,
                values.stream().map((value) -> redactor.header(name, value)).toList()));

        String query = request.uri().getRawQuery();
        String url = request.uri().toString();
        if (query != null) {
            url = url.substring(0, url.indexOf('?') + 1) + redactor.form(query);
        }
        String excerpt = response.body().length() > HttpExchange.BODY_LIMIT
                ? response.body().substring(0, HttpExchange.BODY_LIMIT) : response.body();
        evidence.add(new HttpExchange(started, request.method(), url, requestHeaders,
                recordedBody, response.status(), responseHeaders, redactor.text(excerpt),
                response.elapsed().toMillis(), response.error().orElse("")));
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> result = new TreeMap<>();
        headers.forEach((name, values) -> result.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return result;
    }

    private static String formEncode(Map<String, String> fields) {
        return fields.entrySet()
                .stream()
                .map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String quoted(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String describe(IOException ex) {
        String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
        if (ex instanceof java.net.ConnectException) {
            return "connection refused or unreachable";
        }
        if (ex instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (ex instanceof javax.net.ssl.SSLException) {
            return "TLS failure: " + message;
        }
        return message;
    }

    private static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
