package org.selfcare.conformance.evidence;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from what goes into a report: values of form fields, query parameters and JSON members whose
 * names suggest a secret, cookie and authorisation header values, and every literal secret of the profile
 * (account passwords, CAPTCHA test keys) wherever it appears. Secrets a case learns while it runs, such as an
 * SMS code or an initial password, are added with {@link #addSecret(String)} before they are sent.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass|pwd|secret|token|csrf|code|otp|captcha|key|session|auth).*");

    private static final Pattern FORM_PAIR = Pattern.compile("(^|&)([^=&]+)=([^&]*)");

    private static final Pattern JSON_MEMBER = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern HIDDEN_INPUT_VALUE = Pattern.compile(
            "(<input[^>]*name=\"([^\"]+)\"[^>]*value=\")([^\"]*)(\")", Pattern.CASE_INSENSITIVE);

    private static final Set<String> SECRET_HEADERS = Set.of("cookie", "authorization", "proxy-authorization",
            "x-csrf-token", "x-xsrf-token");

    private static final int MIN_LITERAL_LENGTH = 4;

    private final List<String> literals = new CopyOnWriteArrayList<>();

    public Redactor(Collection<String> literalSecrets) {
        literalSecrets.forEach(this::addSecret);
    }

    /**
     * Adds a secret to remove wherever it appears in what is recorded from now on. Secrets shorter than four
     * characters are ignored, because masking them would mask ordinary text as well.
     */
    public void addSecret(String secret) {
        if (secret != null && secret.length() >= MIN_LITERAL_LENGTH && !literals.contains(secret)) {
            literals.add(secret);
        }
    }

    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /**
     * Redacts an {@code application/x-www-form-urlencoded} body or a URL query string.
     */
    public String form(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return "";
        }
        Matcher matcher = FORM_PAIR.matcher(encoded);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = isSecretName(java.net.URLDecoder.decode(matcher.group(2), java.nio.charset.StandardCharsets.UTF_8))
                    ? MASK : matcher.group(3);
            matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + matcher.group(2) + "=" + value));
        }
        matcher.appendTail(out);
        return literals(out.toString());
    }

    /**
     * Redacts free text such as a JSON or HTML body.
     */
    public String text(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        Matcher json = JSON_MEMBER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (json.find()) {
            String value = isSecretName(json.group(1)) ? MASK : json.group(2);
            json.appendReplacement(out, Matcher.quoteReplacement("\"" + json.group(1) + "\":\"" + value + "\""));
        }
        json.appendTail(out);

        Matcher hidden = HIDDEN_INPUT_VALUE.matcher(out.toString());
        StringBuilder html = new StringBuilder();
        while (hidden.find()) {
            String value = isSecretName(hidden.group(2)) ? MASK : hidden.group(3);
            hidden.appendReplacement(html, Matcher.quoteReplacement(hidden.group(1) + value + hidden.group(4)));
        }
        hidden.appendTail(html);
        return literals(html.toString());
    }

    /**
     * Redacts one header value: cookies keep their names and attributes but lose their values.
     */
    public String header(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if ("set-cookie".equals(lower)) {
            int equals = value.indexOf('=');
            int semicolon = value.indexOf(';');
            String attributes = (semicolon >= 0) ? value.substring(semicolon) : "";
            return (equals > 0 ? value.substring(0, equals + 1) : "") + MASK + attributes;
        }
        if (SECRET_HEADERS.contains(lower)) {
            return MASK;
        }
        return literals(value);
    }

    private String literals(String text) {
        String result = text;
        for (String secret : literals) {
            result = result.replace(secret, MASK);
            String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
            if (!encoded.equals(secret)) {
                result = result.replace(encoded, MASK);
            }
        }
        return result;
    }
}
