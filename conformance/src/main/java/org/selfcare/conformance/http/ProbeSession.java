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
 * every exchange recorded as evidence with secrets redacted.
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
                HttpRequest.BodyPublishers.ofByteArray(body), recorded);
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
        return exchange(method, pathOrUrl, headers, (body == null) ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), recordedBody);
    }

    private ProbeResponse exchange(String method, String pathOrUrl, Map<String, String> headers,
            HttpRequest.BodyPublisher body, String recordedBody) {
        URI uri = resolve(pathOrUrl);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(builder::header);
        builder.method(method, body);
        HttpRequest request = builder.build();

        Instant started = Instant.now();
        long start = System.nanoTime();
        ProbeResponse response;
        try {
            HttpResponse<InputStream> raw = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = raw.body()) {
                text = new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            response = new ProbeResponse(uri, raw.statusCode(), lowerCase(raw.headers().map()), text, elapsed,
                    Optional.empty());
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
