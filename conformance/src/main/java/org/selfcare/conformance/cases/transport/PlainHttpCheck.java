package org.selfcare.conformance.cases.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.Findings;

/**
 * Requests the root and the sign-in page over plain HTTP on the profile's {@code http-port}. Each must either
 * get no response (plain HTTP closed) or a redirect to an https URL that carries no page content; a page served
 * over plain HTTP fails.
 */
final class PlainHttpCheck {

    /**
     * Maximum length of a redirect's body, such as a "moved" notice. A larger body, or any form, is page content
     * sent in clear text. NOTE: a judgement, not a rule from a standard.
     */
    static final int MAX_REDIRECT_BODY = 2048;

    private PlainHttpCheck() {
    }

    static void run(ProbeSession session, String host, int port, List<String> paths, Findings findings) {
        Set<String> distinct = new LinkedHashSet<>(paths);
        for (String path : distinct) {
            String url = plainUrl(host, port, path);
            ProbeResponse response = session.get(url);
            if (!response.answered()) {
                findings.pass("plain HTTP closed: no response from " + url + " ("
                        + response.error().orElse("no answer") + ")");
                return;
            }
            check(url, response, findings);
        }
    }

    private static void check(String url, ProbeResponse response, Findings findings) {
        String body = response.body();
        if (response.isRedirect()) {
            String location = response.header("location").orElse("");
            if (!location.toLowerCase(Locale.ROOT).startsWith("https://")) {
                findings.fail(url + " redirects to '" + location + "', not to an https URL");
            }
            else if (body.length() > MAX_REDIRECT_BODY || hasForm(body)) {
                findings.fail(url + " redirects to " + location + " but also sends " + body.length()
                        + " characters of content in clear text" + (hasForm(body) ? ", including a form" : ""));
            }
            else {
                findings.pass(url + " redirects to " + location);
            }
        }
        else if (response.status() >= 200 && response.status() < 300) {
            findings.fail(url + " serves content over plain HTTP (status " + response.status() + ", "
                    + body.length() + " characters) instead of redirecting to HTTPS");
        }
        else {
            findings.note(url + " answers status " + response.status() + " without redirecting to HTTPS; no page "
                    + "is served in clear text, but a user who types http:// gets an error");
        }
    }

    private static boolean hasForm(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        return lower.contains("<form") || lower.contains("<input");
    }

    private static String plainUrl(String host, int port, String path) {
        try {
            return new URI("http", null, host, port, path, null, null).toString();
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("invalid path for a plain HTTP request: " + path, ex);
        }
    }
}
