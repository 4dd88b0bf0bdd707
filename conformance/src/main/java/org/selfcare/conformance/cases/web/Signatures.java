package org.selfcare.conformance.cases.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that gives a vulnerability or an internal detail away when it appears in a response: database error
 * messages, stack traces, product names with versions and directory listings. Each pattern lists the wording
 * of the products' own messages, so a match is strong evidence and a miss proves nothing.
 */
final class Signatures {

    /**
     * Error text of PostgreSQL, MySQL and MariaDB, Oracle, SQLite, SQL Server, H2 and the JDBC and Hibernate
     * layers above them.
     */
    static final Pattern DATABASE_ERROR = Pattern.compile(String.join("|",
            "SQLSTATE",
            "syntax error at or near", "unterminated quoted string at or near", "PSQLException", "org\\.postgresql\\.",
            "You have an error in your SQL syntax", "com\\.mysql\\.", "MySQLSyntaxErrorException",
            "Warning: mysql_", "org\\.mariadb\\.jdbc",
            "ORA-\\d{5}", "quoted string not properly terminated",
            "SQLITE_ERROR", "sqlite3\\.OperationalError", "unrecognized token: ", "org\\.sqlite\\.",
            "Unclosed quotation mark after the character string", "Incorrect syntax near",
            "System\\.Data\\.SqlClient", "Microsoft OLE DB Provider for SQL Server", "ODBC SQL Server Driver",
            "java\\.sql\\.SQL\\w*Exception", "SQLSyntaxErrorException", "BadSqlGrammarException",
            "JDBCException", "org\\.hibernate\\.exception", "JdbcSQL\\w*Exception", "Syntax error in SQL statement"),
            Pattern.CASE_INSENSITIVE);

    /**
     * Stack frames and exception names of Java, Kotlin, Python, PHP and .NET.
     */
    static final Pattern STACK_TRACE = Pattern.compile(String.join("|",
            "\\bat (?:[\\w$]+\\.)+[\\w$<>]+\\([\\w$]+\\.(?:java|kt|scala|groovy):\\d+\\)",
            "\\b(?:[a-z][\\w$]*\\.){2,}[A-Z][\\w$]*(?:Exception|Error)\\b",
            "Traceback \\(most recent call last\\)",
            "(?:Fatal error|Parse error|Warning|Notice): .{0,300}? on line \\d+",
            "Server Error in '[^']*' Application", "\\bat [\\w.`]+\\(.*\\) in .+:line \\d+"));

    /**
     * A web server, framework or runtime named with its version, as default error pages print it.
     */
    static final Pattern PRODUCT_VERSION = Pattern.compile("\\b(?:Apache Tomcat|Apache|nginx|Jetty|Microsoft-IIS|PHP"
            + "|Werkzeug|Python|OpenSSL|Express|Undertow|WildFly|JBoss\\w*|GlassFish|WebLogic|WebSphere|lighttpd"
            + "|Caddy|openresty|Kestrel|Node\\.js|Spring Boot|Phusion Passenger|gunicorn|uvicorn|ASP\\.NET)"
            + "(?: Version:)?(?:/| |://? ?)v?\\d+\\.\\d+(?:\\.\\d+)*", Pattern.CASE_INSENSITIVE);

    /**
     * A version in a {@code Server} or {@code X-Powered-By} header value, such as {@code Apache/2.4.1} or
     * {@code PHP 7.1}.
     */
    static final Pattern HEADER_VERSION = Pattern.compile("[/\\s(]v?\\d+(?:\\.\\d+)*");

    /**
     * The listing pages of Apache httpd, nginx, Tomcat, Jetty, IIS and Python's {@code http.server}.
     */
    static final Pattern DIRECTORY_LISTING = Pattern.compile(String.join("|",
            "<title>\\s*Index of /", "<h1>\\s*Index of /", "Directory listing for /", "\\[To Parent Directory\\]",
            "<title>\\s*Directory: /"), Pattern.CASE_INSENSITIVE);

    private Signatures() {
    }

    /**
     * Returns the first text the pattern finds, shortened for a finding.
     */
    static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String match = matcher.group();
        return Optional.of(match.length() > 80 ? match.substring(0, 80) + "..." : match);
    }
}
