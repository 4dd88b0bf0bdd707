package org.selfcare.conformance.cases.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.model.Findings;

/**
 * Reads every Set-Cookie header of the given responses. Each cookie must carry Secure, so that the browser
 * never sends it over plain HTTP; a missing HttpOnly or SameSite is noted. A cookie that only deletes itself
 * (empty value, Max-Age=0) carries nothing and is not counted.
 */
final class CookieCheck {

    private CookieCheck() {
    }

    /**
     * A cookie as one Set-Cookie header set it.
     *
     * @param name the cookie's name
     * @param deletion whether the header only deletes the cookie
     * @param attributes the attribute names in lower case, such as {@code secure}
     * @param source path of the response that set it
     */
    record SetCookie(String name, boolean deletion, List<String> attributes, String source) {

        boolean has(String attribute) {
            return attributes.contains(attribute);
        }
    }

    static void run(List<ProbeResponse> responses, Findings findings) {
        Map<String, SetCookie> cookies = new LinkedHashMap<>();
        for (ProbeResponse response : responses) {
            for (String header : response.headerValues("set-cookie")) {
                SetCookie cookie = parse(header, response.uri().getPath());
                // Per name, report the worst header seen: the first that sets a value without Secure.
                cookies.merge(cookie.name(), cookie, (kept, next) -> (risk(next) > risk(kept)) ? next : kept);
            }
        }
        if (cookies.isEmpty()) {
            findings.note("no response set a cookie");
            return;
        }
        for (SetCookie cookie : cookies.values()) {
            if (cookie.deletion()) {
                continue;
            }
            if (!cookie.has("secure")) {
                findings.fail("the cookie " + cookie.name() + " set by " + cookie.source()
                        + " has no Secure attribute, so a browser also sends it over plain HTTP");
                continue;
            }
            findings.pass("the cookie " + cookie.name() + " is Secure");
            if (!cookie.has("httponly")) {
                findings.note("the cookie " + cookie.name() + " has no HttpOnly attribute, so scripts can read it");
            }
            if (!cookie.has("samesite")) {
                findings.note("the cookie " + cookie.name() + " has no SameSite attribute");
            }
        }
    }

    private static int risk(SetCookie cookie) {
        if (cookie.deletion()) {
            return 0;
        }
        return cookie.has("secure") ? 1 : 2;
    }

    static SetCookie parse(String header, String source) {
        String[] parts = header.split(";");
        String pair = parts[0].trim();
        int equals = pair.indexOf('=');
        String name = (equals >= 0) ? pair.substring(0, equals).trim() : pair;
        String value = (equals >= 0) ? pair.substring(equals + 1).trim() : "";
        List<String> attributes = new ArrayList<>();
        boolean expired = false;
        for (int index = 1; index < parts.length; index++) {
            String attribute = parts[index].trim();
            int split = attribute.indexOf('=');
            String attributeName = ((split >= 0) ? attribute.substring(0, split) : attribute).trim()
                    .toLowerCase(Locale.ROOT);
            attributes.add(attributeName);
            if ("max-age".equals(attributeName) && split >= 0) {
                expired = attribute.substring(split + 1).trim().matches("-?0+|-[0-9]+");
            }
        }
        boolean deletion = (value.isEmpty() || "\"\"".equals(value)) && expired;
        return new SetCookie(name, deletion, List.copyOf(attributes), source);
    }
}
