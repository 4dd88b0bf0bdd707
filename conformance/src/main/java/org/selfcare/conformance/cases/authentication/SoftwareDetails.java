package org.selfcare.conformance.cases.authentication;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.selfcare.conformance.http.ProbeResponse;

/**
 * Finds software-level details in a response that a person should never see after a failed sign-in: stack
 * traces, exception class names, SQL errors, file paths, and the names or versions of servers and frameworks in
 * the body or in headers. Each finding is a short description with the text that gave it away.
 *
 * <p>The patterns are heuristics. They target the default error pages and messages of common Java, .NET, PHP,
 * Python, Ruby and Node.js stacks and of common SQL databases, so a custom page that leaks details in its own
 * words is not found. A {@code Server} header that names a product without a version is not reported, because it
 * is near universal and reveals little.
 */
final class SoftwareDetails {

    private record Rule(String label, Pattern pattern) {

        Rule(String label, String regex) {
            this(label, Pattern.compile(regex));
        }
    }

    private static final List<Rule> BODY_RULES = List.of(
            new Rule("a Java stack trace", "\\bat\\s+[\\w$]+(?:\\.[\\w$<>]+)+\\((?:[\\w$]+\\.(?:java|kt|scala|groovy):\\d+"
                    + "|Unknown Source|Native Method)\\)"),
            new Rule("a .NET stack trace", "\\bat\\s+[\\w.`<>]+\\([^)]*\\)\\s+in\\s+\\S.*?:line\\s+\\d+"
                    + "|--- End of (?:inner exception )?stack trace"),
            new Rule("a Python traceback", "Traceback \\(most recent call last\\)|File \"[^\"]+\", line \\d+"),
            new Rule("a Node.js stack trace", "\\bat\\s+(?:[\\w.<>]+\\s+)?\\(?(?:/|[A-Za-z]:\\\\|node:)[^)\\s]+:\\d+:\\d+\\)?"),
            new Rule("a Ruby stack trace", "\\.rb:\\d+:in\\s"),
            new Rule("a PHP error message", "(?:Fatal error|Parse error|Warning|Notice|Deprecated)(?:</b>)?:.{0,300}?"
                    + " on line (?:<b>)?\\d+|Stack trace:\\s*(?:<br\\s*/?>)?\\s*#0"),
            new Rule("an exception class name", "\\b(?:java|javax|jakarta|org|com|net|io|sun|kotlin|scala|System)"
                    + "\\.(?:[\\w$]+\\.)*[A-Z][\\w$]*(?:Exception|Error)\\b"),
            new Rule("an exception class name", "\\b[A-Z][A-Za-z0-9]*Exception\\b"
                    + "|\\b(?:TypeError|ReferenceError|SyntaxError|NameError|KeyError|ValueError|AttributeError"
                    + "|NoMethodError|OutOfMemoryError|StackOverflowError|NoClassDefFoundError|AssertionError)\\b"),
            new Rule("an SQL error", "(?i)you have an error in your sql syntax|\\bSQLSTATE\\b|\\bORA-\\d{5}\\b"
                    + "|syntax error at or near|unterminated quoted string|unclosed quotation mark"
                    + "|quoted string not properly terminated|\\bSQLITE_ERROR\\b|sqlite3?\\.OperationalError|\\bPG::\\w+"
                    + "|microsoft ole db provider|\\bodbc (?:driver|error)|\\bjdbc\\b|\\bhibernate\\b"),
            new Rule("an SQL statement", "(?i)\\bselect\\s+[\\w*,.\\s]{1,200}?\\s+from\\s+[\\w.\"`]+\\s+where\\b"
                    + "|\\binsert\\s+into\\s+[\\w.\"`]+\\s*\\("),
            new Rule("a server or framework name", "Whitelabel Error Page|Apache Tomcat|\\bTomcat/\\d|\\bJetty\\b"
                    + "|\\bUndertow\\b|\\bWildFly\\b|\\bJBoss\\b|\\bGlassFish\\b|\\bWebLogic\\b|\\bWebSphere\\b"
                    + "|\\bSpring Boot\\b|\\bWerkzeug\\b|\\bDjango\\b|\\bLaravel\\b|\\bSymfony\\b|\\bRuby on Rails\\b"
                    + "|Phusion Passenger|\\bKestrel\\b|\\bASP\\.NET\\b|Microsoft-IIS|\\bPHP/\\d|\\bPHP \\d\\.\\d"
                    + "|<center>\\s*nginx|\\bnginx/\\d|\\bApache/\\d|\\bOpenResty\\b"
                    + "|\\bCannot (?:GET|POST|PUT|DELETE|PATCH) /"));

    /** Paths are looked for in the visible text only, because links and form actions are paths too. */
    private static final Rule FILE_PATH = new Rule("a file path",
            "(?<![\\w.:/-])/(?:usr|var|opt|home|srv|etc|app|tmp|root|Users|proc|mnt|data)/[^\\s\"'<>()]+"
                    + "|\\b[A-Za-z]:\\\\(?:[^\\\\\\s\"'<>]+\\\\)+[^\\\\\\s\"'<>]*|\\bWEB-INF/|\\bjar:file:|\\bfile:/");

    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");

    private static final Pattern VERSION = Pattern.compile("[A-Za-z][\\w.-]*[/ (]v?\\d+(?:\\.\\d+)*");

    /** Headers whose only purpose is to name the software behind the site. */
    private static final Set<String> NAMING_HEADERS = Set.of("x-powered-by", "x-aspnet-version",
            "x-aspnetmvc-version", "x-generator", "x-debug-token-link");

    private SoftwareDetails() {
    }

    /**
     * Returns the software details in {@code response}, each once.
     *
     * @param sentValues values the request carried, which a page may show back; they are left out of the scan
     *        so that an echoed probe such as {@code /etc/passwd} is not mistaken for a leak
     */
    static Set<String> find(ProbeResponse response, Collection<String> sentValues) {
        Set<String> details = new LinkedHashSet<>();
        response.header("server").filter((value) -> VERSION.matcher(value).find())
                .ifPresent((value) -> details.add("a server version in the Server header (" + value + ")"));
        for (String name : NAMING_HEADERS) {
            response.header(name).ifPresent((value) -> details.add("the " + name + " header (" + value + ")"));
        }

        String body = withoutEchoes(response.body(), sentValues);
        String markup = SCRIPT_OR_STYLE.matcher(body).replaceAll(" ");
        for (Rule rule : BODY_RULES) {
            match(rule, markup).ifPresent(details::add);
        }
        match(FILE_PATH, PageText.visible(body)).ifPresent(details::add);
        return details;
    }

    private static java.util.Optional<String> match(Rule rule, String text) {
        Matcher matcher = rule.pattern().matcher(text);
        if (!matcher.find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(rule.label() + " (" + PageText.excerpt(matcher.group().strip(), 80) + ")");
    }

    private static String withoutEchoes(String body, Collection<String> sentValues) {
        String result = body;
        for (String value : sentValues) {
            if (value.length() < 3) {
                continue;
            }
            String escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\"", "&quot;").replace("'", "&#39;");
            result = result.replace(value, " ").replace(escaped, " ")
                    .replace(escaped.replace("&#39;", "&#x27;"), " ");
        }
        return result;
    }
}
