package org.selfcare.conformance.cases.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import org.selfcare.conformance.support.TestSite;

/**
 * A small portal for the T-1-1 tests: a sign-in form with a CSRF token bound to the session, an account page,
 * and an upload form for signed-in users. Without flaws it keeps every rule the case probes, and each
 * {@link Flaw} changes one behaviour.
 */
final class WebSite implements AutoCloseable {

    static final String USERNAME = "alice";

    static final String PASSWORD = "Str0ng-Passw0rd!";

    enum Flaw {
        /** The failed sign-in page repeats the user name without encoding. */
        ECHOES_USERNAME,
        /** A quote in the sign-in form produces a PostgreSQL syntax error page. */
        DATABASE_ERROR,
        /** The sign-in form carries a token, but the server does not check it. */
        UNCHECKED_CSRF_TOKEN,
        /** Every response carries {@code Server: Apache/2.4.1}. */
        SERVER_VERSION,
        /** Every response carries {@code X-Powered-By: PHP/7.1}. */
        POWERED_BY_VERSION,
        /** {@code /static/} lists its files. */
        DIRECTORY_LISTING,
        /** {@code /actuator/env} returns the Spring Boot environment. */
        ACTUATOR_ENV,
        /** {@code admin/admin} signs in. */
        ADMIN_ADMIN,
        /** Uploads are stored whatever their bytes and served back as {@code text/html}. */
        HTML_UPLOAD,
        /** The page for a missing path shows a Java stack trace. */
        STACK_TRACE,
        /** HTML pages have no Content-Security-Policy. */
        NO_POLICY,
        /** The Content-Security-Policy allows inline scripts. */
        UNSAFE_INLINE,
        /** Every sign-in post is rejected with 429 Too Many Requests, as a rate limit would. */
        RATE_LIMITED
    }

    private record Session(String token, String user) {
    }

    private final Set<Flaw> flaws;

    private final TestSite site;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private final Map<String, String> uploads = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    WebSite(Flaw... flaws) throws IOException {
        this.flaws = flaws.length == 0 ? EnumSet.noneOf(Flaw.class) : EnumSet.of(flaws[0], flaws);
        this.site = TestSite.http().handle("/", this::handle);
    }

    java.net.URI uri() {
        return site.uri();
    }

    /**
     * Returns the largest number of failed sign-ins any single user name had.
     */
    int maxFailuresPerUser() {
        return failures.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    @Override
    public void close() {
        site.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (flaws.contains(Flaw.SERVER_VERSION)) {
            exchange.getResponseHeaders().add("Server", "Apache/2.4.1");
        }
        if (flaws.contains(Flaw.POWERED_BY_VERSION)) {
            exchange.getResponseHeaders().add("X-Powered-By", "PHP/7.1");
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (!method.equals("GET") && !method.equals("POST") && !method.equals("HEAD")) {
            text(exchange, 405, "Method not allowed");
            return;
        }
        switch (path) {
            case "/" -> html(exchange, 200, "<h1>Portal</h1><a href=\"/signin\">Sign in</a>");
            case "/signin" -> {
                if (method.equals("POST")) {
                    signIn(exchange);
                }
                else {
                    signInPage(exchange);
                }
            }
            case "/account" -> {
                Session session = session(exchange);
                if (session.user() == null) {
                    TestSite.redirect(exchange, "/signin");
                }
                else {
                    html(exchange, 200, "<h1>Account</h1><p>Signed in as " + escape(session.user()) + "</p>");
                }
            }
            case "/upload" -> upload(exchange, method);
            case "/admin" -> TestSite.redirect(exchange, "/signin");
            case "/static/" -> {
                if (flaws.contains(Flaw.DIRECTORY_LISTING)) {
                    html(exchange, 200, "<title>Index of /static</title><h1>Index of /static</h1>"
                            + "<a href=\"app.css\">app.css</a>");
                }
                else {
                    notFound(exchange);
                }
            }
            case "/actuator/env" -> {
                if (flaws.contains(Flaw.ACTUATOR_ENV)) {
                    TestSite.respond(exchange, 200, Map.of("Content-Type", "application/json"),
                            "{\"activeProfiles\":[],\"propertySources\":[{\"name\":\"systemProperties\"}]}");
                }
                else {
                    notFound(exchange);
                }
            }
            default -> {
                if (path.startsWith("/uploads/") && uploads.containsKey(path)) {
                    TestSite.respond(exchange, 200, Map.of("Content-Type", "text/html"), uploads.get(path));
                }
                else {
                    notFound(exchange);
                }
            }
        }
    }

    private void signInPage(HttpExchange exchange) throws IOException {
        Session session = session(exchange);
        String query = exchange.getRequestURI().getRawQuery();
        String greeting = "";
        if (query != null && query.contains("error")) {
            greeting = "<p>Sign-in failed.</p>";
        }
        html(exchange, 200, "<h1>Sign in</h1>" + greeting + "<form method=\"post\" action=\"/signin\">"
                + "<input type=\"hidden\" name=\"_csrf\" value=\"" + session.token() + "\">"
                + "<input type=\"text\" name=\"username\"><input type=\"password\" name=\"password\">"
                + "<button type=\"submit\">Sign in</button></form>");
    }

    private void signIn(HttpExchange exchange) throws IOException {
        if (flaws.contains(Flaw.RATE_LIMITED)) {
            text(exchange, 429, "Too many requests");
            return;
        }
        String sid = TestSite.cookie(exchange, "SID");
        Session session = (sid == null) ? null : sessions.get(sid);
        Map<String, String> form = TestSite.form(exchange);
        boolean tokenValid = session != null && session.token().equals(form.get("_csrf"));
        if (!tokenValid && !flaws.contains(Flaw.UNCHECKED_CSRF_TOKEN)) {
            text(exchange, 403, "Forbidden");
            return;
        }
        String username = form.getOrDefault("username", "");
        String password = form.getOrDefault("password", "");
        if (flaws.contains(Flaw.DATABASE_ERROR) && (username.contains("'") || password.contains("'"))) {
            html(exchange, 500, "<pre>ERROR: syntax error at or near \"1\"\n  Position: 52</pre>");
            return;
        }
        boolean valid = (USERNAME.equals(username) && PASSWORD.equals(password))
                || (flaws.contains(Flaw.ADMIN_ADMIN) && "admin".equals(username) && "admin".equals(password));
        if (valid) {
            String fresh = UUID.randomUUID().toString();
            sessions.put(fresh, new Session(UUID.randomUUID().toString(), username));
            exchange.getResponseHeaders().add("Set-Cookie", "SID=" + fresh + "; Path=/; HttpOnly; SameSite=Lax");
            TestSite.redirect(exchange, "/account");
            return;
        }
        failures.computeIfAbsent(username, (name) -> new AtomicInteger()).incrementAndGet();
        if (flaws.contains(Flaw.ECHOES_USERNAME)) {
            html(exchange, 200, "<p>Unknown user " + username + "</p>");
            return;
        }
        TestSite.redirect(exchange, "/signin?error");
    }

    private void upload(HttpExchange exchange, String method) throws IOException {
        Session session = session(exchange);
        if (session.user() == null) {
            TestSite.redirect(exchange, "/signin");
            return;
        }
        if (method.equals("GET")) {
            html(exchange, 200, "<form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">"
                    + "<input type=\"hidden\" name=\"_csrf\" value=\"" + session.token() + "\">"
                    + "<input type=\"text\" name=\"title\"><input type=\"file\" name=\"document\">"
                    + "<button type=\"submit\">Upload</button></form>");
            return;
        }
        Map<String, String> parts = multipart(exchange);
        if (!session.token().equals(parts.get("_csrf"))) {
            text(exchange, 403, "Forbidden");
            return;
        }
        String content = parts.getOrDefault("document", "");
        boolean jpeg = content.startsWith("\u00ff\u00d8\u00ff");
        if (!jpeg && !flaws.contains(Flaw.HTML_UPLOAD)) {
            html(exchange, 400, "<p>Only JPEG images are accepted.</p>");
            return;
        }
        String name = parts.getOrDefault("document.filename", "upload").replaceAll("[^\\w.-]", "_");
        uploads.put("/uploads/" + name, content);
        html(exchange, 200, "<p>Stored <a href=\"/uploads/" + escape(name) + "\">" + escape(name) + "</a></p>");
    }

    private void notFound(HttpExchange exchange) throws IOException {
        if (flaws.contains(Flaw.STACK_TRACE)) {
            html(exchange, 404, "<pre>java.lang.IllegalStateException: no handler\n"
                    + "\tat org.example.web.Dispatcher.handle(Dispatcher.java:42)</pre>");
            return;
        }
        text(exchange, 404, "Not found");
    }

    /**
     * Returns the request's session, creating one with a new CSRF token and cookie when there is none.
     */
    private Session session(HttpExchange exchange) {
        String sid = TestSite.cookie(exchange, "SID");
        if (sid != null && sessions.containsKey(sid)) {
            return sessions.get(sid);
        }
        String fresh = UUID.randomUUID().toString();
        Session session = new Session(UUID.randomUUID().toString(), null);
        sessions.put(fresh, session);
        exchange.getResponseHeaders().add("Set-Cookie", "SID=" + fresh + "; Path=/; HttpOnly; SameSite=Lax");
        return session;
    }

    private void html(HttpExchange exchange, int status, String body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        if (flaws.contains(Flaw.UNSAFE_INLINE)) {
            headers.put("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'");
        }
        else if (!flaws.contains(Flaw.NO_POLICY)) {
            headers.put("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'");
        }
        TestSite.respond(exchange, status, headers, "<!DOCTYPE html><html><body>" + body + "</body></html>");
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        TestSite.respond(exchange, status, Map.of("Content-Type", "text/plain"), body);
    }

    /**
     * Reads a multipart body into its fields, with each file's content under its field name and the file name
     * under {@code NAME.filename}. Bytes map one to one onto characters, so binary content survives.
     */
    private static Map<String, String> multipart(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String boundary = "--" + type.substring(type.indexOf("boundary=") + "boundary=".length());
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String head = part.substring(0, split);
            String content = part.substring(split + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            String name = attribute(head, "name");
            String fileName = attribute(head, "filename");
            if (name != null) {
                parts.put(name, content);
            }
            if (name != null && fileName != null) {
                parts.put(name + ".filename", URLDecoder.decode(fileName, StandardCharsets.UTF_8));
            }
        }
        return parts;
    }

    private static String attribute(String head, String name) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(head);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
