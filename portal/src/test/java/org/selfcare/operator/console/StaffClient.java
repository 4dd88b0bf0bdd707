package org.selfcare.operator.console;

import java.io.IOException;
import java.net.CookieManager;
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
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.selfcare.operator.staff.StaffCredentials;
import org.selfcare.operator.staff.TotpCodes;
import org.selfcare.support.PortalClient;

/**
 * A browser-like client of the console on the operator port: keeps cookies, follows no redirect, reads the CSRF
 * token from the page it last loaded, and computes TOTP codes as an authenticator app would.
 */
final class StaffClient {

    static final String STAFF_COOKIE = "__Host-SELFCARE-STAFF";

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final CookieManager cookies;

    private final HttpClient http;

    private final String base;

    StaffClient(int operatorPort) {
        this(operatorPort, new CookieManager());
    }

    /** A client that shares {@code cookies} with another, as two tabs of one browser do. */
    StaffClient(int operatorPort, CookieManager cookies) {
        this.cookies = cookies;
        this.base = "https://localhost:" + operatorPort;
        this.http = HttpClient.newBuilder()
                .sslContext(PortalClient.trustingPortalCertificate())
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Returns the code of the account's TOTP secret for the step {@code offset} steps from now. */
    static String code(StaffCredentials credentials, int offset) {
        return TotpCodes.code(credentials.totpSecret(), TotpCodes.step(Instant.now()) + offset);
    }

    /** Returns a six-digit code that differs from {@code code}, for a wrong code in a test. */
    static String wrongCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    /** Returns ten random hex characters that keep a test's usernames apart from other tests' in one database. */
    static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    HttpResponse<String> signIn(String username, String password, String code) {
        return postForm("/console/signin", Map.of("username", username, "password", password, "code", code),
                csrfToken(ConsoleSecurityConfiguration.SIGN_IN_PATH));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build());
    }

    /** Posts a form with the CSRF token of the page at {@code pagePath}. */
    HttpResponse<String> post(String pagePath, String path, Map<String, String> fields) {
        return postForm(path, fields, csrfToken(pagePath));
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields, String token) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (token != null) {
            all.put("_csrf", token);
        }
        String body = all.entrySet().stream()
                .map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    String csrfToken(String pagePath) {
        Matcher matcher = CSRF_FIELD.matcher(get(pagePath).body());
        if (!matcher.find()) {
            throw new IllegalStateException("The page " + pagePath + " has no CSRF field");
        }
        return matcher.group(1);
    }

    /** Returns the value of the cookie {@code name} this client holds, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter((cookie) -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    HttpResponse<String> send(HttpRequest request) {
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

    String base() {
        return base;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
