package org.selfcare.conformance.cases.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;

/**
 * Looks for what helps an attacker pick a known exploit: product versions in headers, stack traces and versions
 * on error pages, directory listings and management endpoints left open. An open endpoint is judged by its
 * content, because many sites return status 200 and their sign-in page for every path.
 */
final class DisclosureProbe {

    static final List<String> LISTING_PATHS = List.of("/", "/static/", "/css/", "/js/", "/images/", "/uploads/");

    private static final List<String> VERSION_HEADERS = List.of("server", "x-powered-by");

    private static final List<String> VERSION_ONLY_HEADERS = List.of("x-aspnet-version", "x-aspnetmvc-version");

    private static final Pattern PASSWORD_INPUT = Pattern.compile("<input[^>]*type\\s*=\\s*[\"']?password",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern ADMIN_HEADING = Pattern.compile(
            "<(title|h1)[^>]*>[^<]*\\badmin|Django administration|phpMyAdmin", Pattern.CASE_INSENSITIVE);

    /**
     * A management endpoint and the content that shows it is open.
     */
    private record Endpoint(String path, String method, String what, Predicate<ProbeResponse> open) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/actuator", "GET", "Spring Boot actuator index", body("\"_links\"\\s*:")),
            new Endpoint("/actuator/env", "GET", "Spring Boot environment with configuration properties",
                    body("\"propertySources\"|\"activeProfiles\"")),
            // HEAD, so that no dump of the whole heap is transferred. Spring MVC runs the GET handler for HEAD, so
            // the server may still write the dump.
            new Endpoint("/actuator/heapdump", "HEAD", "Spring Boot heap dump", (response) -> response.status() == 200
                    && response.header("content-type").orElse("").contains("octet-stream")),
            new Endpoint("/manager/html", "GET", "Tomcat manager", body("Tomcat Web Application Manager")),
            new Endpoint("/server-status", "GET", "Apache httpd server status", body("Apache Server Status")),
            new Endpoint("/.git/HEAD", "GET", "Git repository metadata", body("\\A\\s*(ref: refs/|[0-9a-f]{40}\\s*\\z)")),
            new Endpoint("/.env", "GET", "environment file with settings", (response) -> response.status() == 200
                    && !WebPages.isHtml(response) && Pattern.compile("(?m)^[A-Z][A-Z0-9_]*=").matcher(response.body()).find()),
            new Endpoint("/phpinfo.php", "GET", "PHP configuration page", body("phpinfo\\(\\)|PHP Version \\d")),
            new Endpoint("/console", "GET", "interactive console", body("H2 Console|Interactive Console|Werkzeug")),
            new Endpoint("/h2-console", "GET", "H2 database console", body("H2 Console|login\\.jsp\\?jsessionid")),
            new Endpoint("/admin", "GET", "administration page without sign-in", (response) -> response.status() == 200
                    && WebPages.isHtml(response) && ADMIN_HEADING.matcher(response.body()).find()
                    && !PASSWORD_INPUT.matcher(response.body()).find()));

    private final CaseContext context;

    private final Findings findings;

    DisclosureProbe(CaseContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
    }

    void run() {
        ProbeSession session = context.newSession();
        List<ProbeResponse> seen = new ArrayList<>();

        String missingPath = "/x1470-missing-" + WebPages.nonce();
        ProbeResponse missing = session.get(missingPath);
        seen.add(missing);
        checkErrorPage("the page for a missing path " + missingPath, missing);

        ProbeResponse badMethod = session.send("X1470", context.profile().signIn().action(),
                Map.of("Accept", "text/html"), null);
        seen.add(badMethod);
        checkErrorPage("the response to the unknown method X1470 on " + context.profile().signIn().action(), badMethod);

        // An overlong UTF-8 encoding of "..": servers reject it, and some show their default error page.
        ProbeResponse badPath = session.get("/x1470/%C0%AE%C0%AE/missing");
        seen.add(badPath);
        checkErrorPage("the response to a path with invalid UTF-8 escapes", badPath);

        ProbeResponse badJson = session.send("POST", context.profile().signIn().action(),
                Map.of("Content-Type", "application/json", "Accept", "text/html,application/json"), "{\"x1470\":");
        seen.add(badJson);
        checkErrorPage("the response to truncated JSON posted to " + context.profile().signIn().action(), badJson);

        seen.add(session.get(context.profile().signIn().page()));
        for (String path : LISTING_PATHS) {
            ProbeResponse response = session.get(path);
            seen.add(response);
            checkListing(path, response);
        }
        for (Endpoint endpoint : ENDPOINTS) {
            ProbeResponse response = session.send(endpoint.method(), endpoint.path(),
                    Map.of("Accept", "text/html,application/json;q=0.9,*/*;q=0.8"), null);
            seen.add(response);
            checkEndpoint(endpoint, response);
        }
        checkBanners(seen);
    }

    private void checkErrorPage(String what, ProbeResponse response) {
        if (!response.answered()) {
            findings.note(what + " got no response: " + response.error().orElse("unknown error"));
            return;
        }
        Optional<String> trace = Signatures.find(Signatures.STACK_TRACE, response.body());
        Optional<String> database = Signatures.find(Signatures.DATABASE_ERROR, response.body());
        Optional<String> product = Signatures.find(Signatures.PRODUCT_VERSION, response.body());
        if (trace.isPresent()) {
            findings.fail(what + " shows a stack trace or exception (\"" + trace.get() + "\")");
        }
        else if (database.isPresent()) {
            findings.fail(what + " shows a database error (\"" + database.get() + "\")");
        }
        else if (product.isPresent()) {
            findings.fail(what + " names the server software and its version (\"" + product.get() + "\")");
        }
        else {
            findings.pass(what + " (status " + response.status() + ") shows no stack trace, exception or version");
        }
    }

    private void checkListing(String path, ProbeResponse response) {
        Optional<String> listing = response.status() == 200
                ? Signatures.find(Signatures.DIRECTORY_LISTING, response.body()) : Optional.empty();
        if (listing.isPresent()) {
            findings.fail("directory listing is on: " + path + " lists its files (\"" + listing.get() + "\")");
        }
        else {
            findings.pass(path + " (status " + response.status() + ") is no directory listing");
        }
    }

    private void checkEndpoint(Endpoint endpoint, ProbeResponse response) {
        if (endpoint.open().test(response)) {
            findings.fail("management endpoint " + endpoint.path() + " is open without sign-in: it returns the "
                    + endpoint.what());
        }
        else {
            findings.pass(endpoint.path() + " (status " + response.status() + ") does not return the "
                    + endpoint.what());
        }
    }

    private void checkBanners(List<ProbeResponse> responses) {
        Set<String> reported = new LinkedHashSet<>();
        for (ProbeResponse response : responses) {
            for (String header : VERSION_HEADERS) {
                for (String value : response.headerValues(header)) {
                    if (Signatures.HEADER_VERSION.matcher(value).find()) {
                        reported.add(canonical(header) + ": " + value);
                    }
                }
            }
            for (String header : VERSION_ONLY_HEADERS) {
                response.headerValues(header).forEach((value) -> reported.add(canonical(header) + ": " + value));
            }
        }
        for (String banner : reported) {
            findings.fail("a response header names the software version: " + banner);
        }
        if (reported.isEmpty()) {
            findings.pass("no Server, X-Powered-By or X-AspNet-Version header names a version");
        }
    }

    private static String canonical(String header) {
        StringBuilder name = new StringBuilder();
        for (String part : header.split("-")) {
            name.append(name.length() > 0 ? "-" : "").append(part.substring(0, 1).toUpperCase(Locale.ROOT))
                    .append(part.substring(1));
        }
        return name.toString().replace("Aspnetmvc", "AspNetMvc").replace("Aspnet", "AspNet");
    }

    private static Predicate<ProbeResponse> body(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return (response) -> response.status() == 200 && pattern.matcher(response.body()).find();
    }
}
