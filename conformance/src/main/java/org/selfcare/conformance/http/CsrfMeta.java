package org.selfcare.conformance.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the CSRF token that Selfcare pages publish in {@code <meta name="_csrf">} and
 * {@code <meta name="_csrf_header">}, so the kit can send it with API calls as the pages' scripts do.
 */
public final class CsrfMeta {

    private static final Pattern META = Pattern.compile(
            "<meta\\s+name=\"(_csrf(?:_header)?)\"\\s+content=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private static final String DEFAULT_TOKEN_HEADER = "X-CSRF-TOKEN";

    private CsrfMeta() {
    }

    /**
     * Loads {@code page} and returns the header name and token it publishes, or empty when the page does not
     * return 200 or has no token.
     */
    public static Optional<Map<String, String>> header(ProbeSession session, String page) {
        return fromPage(session.get(page));
    }

    /**
     * Returns the header name and token a loaded page publishes, or empty when it is not a 200 page with a token.
     */
    public static Optional<Map<String, String>> fromPage(ProbeResponse response) {
        if (response.status() != 200) {
            return Optional.empty();
        }
        Map<String, String> meta = new LinkedHashMap<>();
        Matcher matcher = META.matcher(response.body());
        while (matcher.find()) {
            meta.put(matcher.group(1), matcher.group(2));
        }
        String token = meta.get("_csrf");
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String header = meta.getOrDefault("_csrf_header", DEFAULT_TOKEN_HEADER);
        return Optional.of(Map.of(header.isEmpty() ? DEFAULT_TOKEN_HEADER : header, token));
    }
}
