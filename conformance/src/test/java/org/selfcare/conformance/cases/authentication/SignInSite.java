package org.selfcare.conformance.cases.authentication;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.conformance.support.ProfileFiles;
import org.selfcare.conformance.support.TestSite;

/**
 * A small sign-in site for the authentication cases' tests: a form page with a hidden CSRF token and a
 * CAPTCHA, a form handler, and a protected page. By default it keeps every rule of clause 8.5; each setter breaks
 * one of them.
 */
final class SignInSite implements AutoCloseable {

    static final String USER = "46700000001";

    static final String SECOND_USER = "46700000002";

    static final String PASSWORD = "Right-Pass-1470";

    static final String CAPTCHA_KEY = "captcha-test-key-1470";

    static final String FAILURE = "Sign-in failed: check your number and password.";

    enum Captcha {
        ENFORCED, NOT_ENFORCED, ABSENT
    }

    private static final class Session {

        final String csrf = UUID.randomUUID().toString();

        volatile String user;
    }

    private static final class Counter {

        int failures;

        Instant lockedUntil = Instant.MIN;
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private int lockAfter = 3;

    private Duration lockDuration = Duration.ofMinutes(5);

    private boolean stackTraceOnLongInput;

    private boolean unknownUserMessage;

    private boolean lockMessage;

    private boolean parallelSessions;

    private Captcha captcha = Captcha.ENFORCED;

    private TestSite site;

    SignInSite neverLocks() {
        this.lockAfter = 0;
        return this;
    }

    SignInSite locksFor(Duration duration) {
        this.lockDuration = duration;
        return this;
    }

    SignInSite printsStackTraceOnLongInput() {
        this.stackTraceOnLongInput = true;
        return this;
    }

    SignInSite namesUnknownUsers() {
        this.unknownUserMessage = true;
        return this;
    }

    SignInSite saysAccountIsLocked() {
        this.lockMessage = true;
        return this;
    }

    SignInSite keepsOldSessions() {
        this.parallelSessions = true;
        return this;
    }

    SignInSite captcha(Captcha mode) {
        this.captcha = mode;
        return this;
    }

    SignInSite start() throws IOException {
        site = TestSite.http().handle("/signin", this::signIn).handle("/account", this::account)
                .handle("/captcha.png", (exchange) -> TestSite.respond(exchange, 200,
                        Map.of("Content-Type", "image/png"), "\u0089PNG"));
        return this;
    }

    URI uri() {
        return site.uri();
    }

    /**
     * Loads a profile for this site with both accounts, the CAPTCHA test key and the given lockout settings.
     */
    static TargetProfile profile(Path folder, String lockout) throws IOException {
        return ProfileFiles.load(folder, """
                type: form-login
                sign-in:
                  page: /signin
                  username-field: msisdn
                  password-field: password
                  success:
                    redirect-contains: /account
                  failure:
                    status: 200
                protected-path: /account
                accounts:
                  - username: "%s"
                    password: "%s"
                  - username: "%s"
                    password: "%s"
                captcha:
                  field: captcha
                  test-key: %s
                lockout:
                %s
                """.formatted(USER, PASSWORD, SECOND_USER, PASSWORD, CAPTCHA_KEY, lockout.indent(2)));
    }

    static TargetProfile profile(Path folder) throws IOException {
        return profile(folder, "max-failures: 3");
    }

    @Override
    public void close() {
        site.close();
    }

    private void signIn(HttpExchange exchange) throws IOException {
        Session session = session(exchange);
        if ("GET".equals(exchange.getRequestMethod())) {
            page(exchange, session, "");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> form;
        try {
            form = TestSite.form(exchange);
        }
        catch (IllegalArgumentException ex) {
            TestSite.respond(exchange, 400, Map.of("Content-Type", "text/plain"), "Bad request");
            return;
        }
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")
                || !session.csrf.equals(form.get("_csrf"))) {
            TestSite.respond(exchange, 403, Map.of("Content-Type", "text/plain"), "Request rejected");
            return;
        }
        String user = form.getOrDefault("msisdn", "");
        String password = form.getOrDefault("password", "");
        if (stackTraceOnLongInput && user.length() > 1000) {
            TestSite.respond(exchange, 500, Map.of("Content-Type", "text/html"), "<h1>HTTP Status 500</h1><pre>"
                    + "java.lang.IllegalArgumentException: user name too long\n"
                    + "\tat org.example.auth.LoginServlet.check(LoginServlet.java:88)\n</pre>");
            return;
        }
        if (captcha == Captcha.ENFORCED && !CAPTCHA_KEY.equals(form.get("captcha"))) {
            page(exchange, session, FAILURE);
            return;
        }

        boolean known = USER.equals(user) || SECOND_USER.equals(user);
        Counter counter = counters.computeIfAbsent(user, (key) -> new Counter());
        synchronized (counter) {
            if (Instant.now().isBefore(counter.lockedUntil)) {
                page(exchange, session, (lockMessage && known) ? "Sign-in failed: this account is locked." : FAILURE);
                return;
            }
            if (!known || !PASSWORD.equals(password)) {
                counter.failures++;
                if (lockAfter > 0 && counter.failures >= lockAfter) {
                    counter.lockedUntil = Instant.now().plus(lockDuration);
                    counter.failures = 0;
                }
                page(exchange, session, (unknownUserMessage && !known) ? "Sign-in failed: no account has this number."
                        : FAILURE);
                return;
            }
            counter.failures = 0;
        }
        if (!parallelSessions) {
            sessions.values().stream().filter((other) -> user.equals(other.user)).forEach((other) -> other.user = null);
        }
        session.user = user;
        TestSite.redirect(exchange, "/account");
    }

    private void account(HttpExchange exchange) throws IOException {
        Session session = sessions.get(String.valueOf(TestSite.cookie(exchange, "SID")));
        if (session == null || session.user == null) {
            TestSite.redirect(exchange, "/signin");
            return;
        }
        TestSite.respond(exchange, 200, Map.of("Content-Type", "text/html"), "<p>Your account</p>");
    }

    private Session session(HttpExchange exchange) {
        String id = TestSite.cookie(exchange, "SID");
        if (id != null && sessions.containsKey(id)) {
            return sessions.get(id);
        }
        String newId = UUID.randomUUID().toString();
        Session session = new Session();
        sessions.put(newId, session);
        exchange.getResponseHeaders().add("Set-Cookie", "SID=" + newId + "; Path=/; HttpOnly");
        return session;
    }

    private void page(HttpExchange exchange, Session session, String message) throws IOException {
        String challenge = (captcha == Captcha.ABSENT) ? ""
                : "<img id=\"captcha-image\" src=\"/captcha.png\" alt=\"Type the characters\">"
                        + "<input name=\"captcha\" autocomplete=\"off\">";
        TestSite.respond(exchange, 200, Map.of("Content-Type", "text/html; charset=utf-8"), """
                <!DOCTYPE html>
                <html><head><title>Sign in</title></head><body>
                <form method="post" action="/signin">
                <input type="hidden" name="_csrf" value="%s">
                <input name="msisdn"><input type="password" name="password">%s
                <button>Sign in</button>
                </form>
                <p class="message">%s</p>
                </body></html>
                """.formatted(session.csrf, challenge, message));
    }
}
