package org.selfcare.conformance.cases.authentication;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Extracts the text a person reads from an HTML or plain response body, so that two sign-in responses can be
 * compared by what they show rather than by their markup.
 */
final class PageText {

    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");

    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");

    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Pattern UUID = Pattern.compile(
            "(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");

    /** Tokens of 16 or more characters that mix letters and digits: request ids, nonces, CSRF tokens. */
    private static final Pattern TOKEN = Pattern.compile("\\b(?=[A-Za-z_-]*\\d)(?=[\\d_-]*[A-Za-z])[\\w-]{16,}\\b");

    private static final Pattern TIME = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b"
                    + "|\\b\\d{1,2}:\\d{2}:\\d{2}\\b");

    private PageText() {
    }

    /**
     * Returns the visible text of a body: scripts, styles, comments and tags removed, character references
     * decoded and white space collapsed. A body without markup comes back with only its white space collapsed.
     */
    static String visible(String body) {
        String text = SCRIPT_OR_STYLE.matcher(body).replaceAll(" ");
        text = COMMENT.matcher(text).replaceAll(" ");
        text = TAG.matcher(text).replaceAll(" ");
        return WHITESPACE.matcher(decodeEntities(text)).replaceAll(" ").strip();
    }

    /**
     * Returns the visible text with what legitimately differs between two equal responses masked: the user
     * names that were sent (a page may echo them), ids, tokens and timestamps.
     */
    static String normalised(String body, Collection<String> echoedValues) {
        String text = visible(body);
        for (String value : echoedValues) {
            if (!value.isBlank()) {
                text = text.replace(value.strip(), "{input}");
            }
        }
        text = UUID.matcher(text).replaceAll("{id}");
        text = TIME.matcher(text).replaceAll("{time}");
        text = TOKEN.matcher(text).replaceAll("{token}");
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the parts of two texts that differ, after their common start and end, each cut to about
     * {@code limit} characters, as in {@code "'No such user' vs 'Wrong password'"}.
     */
    static String difference(String first, String second, int limit) {
        int start = 0;
        while (start < first.length() && start < second.length() && first.charAt(start) == second.charAt(start)) {
            start++;
        }
        int end = 0;
        while (end < first.length() - start && end < second.length() - start
                && first.charAt(first.length() - 1 - end) == second.charAt(second.length() - 1 - end)) {
            end++;
        }
        // Widen both cuts to word boundaries so that the excerpts read as whole words.
        int from = start;
        while (from > 0 && !Character.isWhitespace(first.charAt(from - 1))) {
            from--;
        }
        while (end > 0 && !Character.isWhitespace(first.charAt(first.length() - end))) {
            end--;
        }
        return "'" + excerpt(first, from, first.length() - end, limit) + "' vs '"
                + excerpt(second, Math.min(from, second.length()), second.length() - end, limit) + "'";
    }

    static String excerpt(String text, int limit) {
        return excerpt(text, 0, text.length(), limit);
    }

    private static String excerpt(String text, int from, int to, int limit) {
        int end = Math.max(from, Math.min(to, text.length()));
        String part = text.substring(from, end).strip();
        if (part.length() > limit) {
            part = part.substring(0, limit) + "…";
        }
        return part;
    }

    private static String decodeEntities(String text) {
        return text.replace("&nbsp;", " ").replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
