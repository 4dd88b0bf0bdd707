package org.selfcare.conformance.cases.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the forms of an HTML page well enough to fill and post them: method, action, encoding and the named
 * fields. A pattern-based reader, so it misses forms built by scripts and fields outside their form element.
 */
final class HtmlForms {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern FIELD = Pattern.compile("<(input|textarea|select|button)\\b([^>]*)>",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([\\w:-]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");

    private static final Pattern TOKEN_NAME = Pattern.compile(
            "(?i).*(csrf|xsrf|token|authenticity|requestverification|nonce).*");

    private HtmlForms() {
    }

    /**
     * One form on a page.
     *
     * @param method {@code get} or {@code post}, lower case
     * @param action the action attribute as written, or empty when the form posts to its own page
     * @param multipart whether the form's encoding is {@code multipart/form-data}
     * @param fields the named fields, in page order
     */
    record Form(String method, String action, boolean multipart, List<Field> fields) {

        boolean isPost() {
            return "post".equals(method);
        }

        boolean hasField(String name) {
            return fields.stream().anyMatch((field) -> field.name().equals(name));
        }

        /**
         * Returns the hidden fields whose names suggest an anti-CSRF token.
         */
        List<Field> tokenFields() {
            return fields.stream().filter(Field::isToken).toList();
        }
    }

    /**
     * One named field.
     *
     * @param tag {@code input}, {@code textarea}, {@code select} or {@code button}
     * @param type the input type in lower case, such as {@code hidden} or {@code file}, or the tag name for
     *        other fields
     * @param name the name attribute
     * @param value the value attribute as written, or empty
     */
    record Field(String tag, String type, String name, String value) {

        boolean isHidden() {
            return "hidden".equals(type);
        }

        boolean isToken() {
            return isHidden() && TOKEN_NAME.matcher(name).matches();
        }

        /**
         * Returns whether a user types text into this field, so a probe can put its payload there.
         */
        boolean takesText() {
            return switch (type) {
                case "file", "submit", "button", "reset", "image", "checkbox", "radio", "select" -> false;
                default -> true;
            };
        }
    }

    static List<Form> parse(String html) {
        List<Form> forms = new ArrayList<>();
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attributes = attributes(form.group(1));
            List<Field> fields = new ArrayList<>();
            Matcher field = FIELD.matcher(form.group(2));
            while (field.find()) {
                Map<String, String> fieldAttributes = attributes(field.group(2));
                String name = fieldAttributes.get("name");
                if (name == null || name.isEmpty()) {
                    continue;
                }
                String tag = field.group(1).toLowerCase(Locale.ROOT);
                String type = "input".equals(tag) ? fieldAttributes.getOrDefault("type", "text").toLowerCase(Locale.ROOT)
                        : tag;
                fields.add(new Field(tag, type, name, fieldAttributes.getOrDefault("value", "")));
            }
            forms.add(new Form(attributes.getOrDefault("method", "get").toLowerCase(Locale.ROOT),
                    attributes.getOrDefault("action", ""),
                    attributes.getOrDefault("enctype", "").toLowerCase(Locale.ROOT).startsWith("multipart/"),
                    List.copyOf(fields)));
        }
        return forms;
    }

    /**
     * Returns the first form that has a field named {@code fieldName}.
     */
    static Optional<Form> withField(String html, String fieldName) {
        return parse(html).stream().filter((form) -> form.hasField(fieldName)).findFirst();
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Matcher attribute = ATTRIBUTE.matcher(text);
        while (attribute.find()) {
            String value = attribute.group(2) != null ? attribute.group(2)
                    : attribute.group(3) != null ? attribute.group(3)
                    : attribute.group(4) != null ? attribute.group(4) : "";
            attributes.putIfAbsent(attribute.group(1), unescape(value));
        }
        return attributes;
    }

    private static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
