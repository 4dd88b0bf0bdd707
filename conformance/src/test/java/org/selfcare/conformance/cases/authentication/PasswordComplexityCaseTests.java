package org.selfcare.conformance.cases.authentication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.conformance.support.CaseRunner;
import org.selfcare.conformance.support.ProfileFiles;
import org.selfcare.conformance.support.TestSite;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordComplexityCaseTests {

    static final String ORIGINAL = "Original-Pass-1!";

    static final String USERNAME = "07700 900000";

    @TempDir
    Path folder;

    @Test
    void lenientSiteFails() throws IOException {
        try (FakePortal portal = new FakePortal((password) -> true)) {
            CaseResult result = CaseRunner.run(new PasswordComplexityCase(), portal.site.uri(), selfcareProfile());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).contains("accepted a short password");
            assertThat(result.findings()).contains("FAIL: the target accepted the most common password as the new "
                    + "password");
            assertThat(portal.password.get()).as("original restored").isEqualTo(ORIGINAL);
        }
    }

    @Test
    void strictSitePasses() throws IOException {
        try (FakePortal portal = new FakePortal(PasswordComplexityCaseTests::complex)) {
            CaseResult result = CaseRunner.run(new PasswordComplexityCase(), portal.site.uri(), selfcareProfile());

            assertThat(result.verdict()).isEqualTo(Verdict.PASS);
            assertThat(result.findings()).contains("PASS: rejected the user name (status 422)")
                    .contains("PASS: accepted a strong random password")
                    .contains("NOTE: restored the account's original password");
            assertThat(portal.password.get()).as("original restored").isEqualTo(ORIGINAL);
            assertThat(portal.changes).as("strong, then original").hasSize(2);
        }
    }

    @Test
    void siteRejectingEverythingIsInconclusive() throws IOException {
        try (FakePortal portal = new FakePortal((password) -> false)) {
            CaseResult result = CaseRunner.run(new PasswordComplexityCase(), portal.site.uri(), selfcareProfile());

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("did not accept a strong random password");
        }
    }

    @Test
    void evidenceHidesPasswords() throws IOException {
        try (FakePortal portal = new FakePortal(PasswordComplexityCaseTests::complex)) {
            CaseResult result = CaseRunner.run(new PasswordComplexityCase(), portal.site.uri(), selfcareProfile());

            String evidence = result.evidence().toString();
            assertThat(evidence).doesNotContain(ORIGINAL);
            assertThat(evidence).doesNotContain(portal.changes.get(0));
        }
    }

    @Test
    void formLoginProfileIsInconclusive() throws IOException {
        try (TestSite site = TestSite.http()) {
            TargetProfile profile = ProfileFiles.load(folder, """
                    type: form-login
                    sign-in:
                      page: /login
                      username-field: user
                      password-field: pass
                      success: {redirect-contains: /home}
                      failure: {body-contains: Invalid}
                    protected-path: /home
                    accounts:
                      - {username: tester, password: Tester-Pass-1!}
                    """);

            CaseResult result = CaseRunner.run(new PasswordComplexityCase(), site.uri(), profile);

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("needs a password change form in the profile");
        }
    }

    @Test
    void strongPasswordHasEveryClass() {
        String strong = new PasswordComplexityCase().strongPassword();

        assertThat(strong).hasSize(20);
        assertThat(complex(strong)).isTrue();
    }

    private TargetProfile selfcareProfile() throws IOException {
        return ProfileFiles.load(folder, "type: selfcare\naccounts:\n  - {username: \"" + USERNAME
                + "\", password: \"" + ORIGINAL + "\"}\n");
    }

    /**
     * Returns whether the password meets a policy like the portal's x1470 preset, reduced to length, character
     * classes and the user name.
     */
    static boolean complex(String password) {
        return password.length() >= 10 && password.chars().anyMatch(Character::isLetter)
                && password.chars().anyMatch(Character::isDigit)
                && password.chars().anyMatch((c) -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c))
                && !password.replaceAll("\\s", "").contains(USERNAME.replaceAll("\\s", ""));
    }

    /**
     * The parts of Selfcare the case talks to: the sign-in form, the CSRF meta element, and the password change
     * API, which checks the current password and applies {@code policy} to the new one.
     */
    static final class FakePortal implements AutoCloseable {

        static final String SESSION = "fake-session";

        static final String TOKEN = "fake-csrf-token";

        final TestSite site;

        final AtomicReference<String> password = new AtomicReference<>(ORIGINAL);

        final List<String> changes = new ArrayList<>();

        private final JsonMapper json = JsonMapper.builder().build();

        FakePortal(Predicate<String> policy) throws IOException {
            site = TestSite.http()
                    .handle("/signin", this::signIn)
                    .handle("/api/v1/me", (exchange) -> TestSite.respond(exchange, signedIn(exchange) ? 200 : 401,
                            Map.of(), "{}"))
                    .handle("/account/password", (exchange) -> TestSite.respond(exchange,
                            signedIn(exchange) ? 200 : 302, Map.of("Content-Type", "text/html"),
                            "<html><head><meta name=\"_csrf\" content=\"" + TOKEN + "\">"
                                    + "<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\"></head></html>"))
                    .handle("/api/v1/password", (exchange) -> change(exchange, policy));
        }

        private void signIn(HttpExchange exchange) throws IOException {
            if ("GET".equals(exchange.getRequestMethod())) {
                TestSite.respond(exchange, 200, Map.of("Content-Type", "text/html"),
                        "<form method=\"post\"><input type=\"hidden\" name=\"_csrf\" value=\"" + TOKEN + "\">"
                                + "<input name=\"msisdn\"><input name=\"password\" type=\"password\"></form>");
                return;
            }
            Map<String, String> form = TestSite.form(exchange);
            if (USERNAME.equals(form.get("msisdn")) && password.get().equals(form.get("password"))) {
                TestSite.respond(exchange, 302, Map.of("Location", "/", "Set-Cookie", "SESSION=" + SESSION + "; Path=/"),
                        "");
            }
            else {
                TestSite.redirect(exchange, "/signin?failed");
            }
        }

        private void change(HttpExchange exchange, Predicate<String> policy) throws IOException {
            if (!signedIn(exchange)) {
                TestSite.respond(exchange, 401, Map.of(), "");
                return;
            }
            if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-CSRF-TOKEN"))) {
                TestSite.respond(exchange, 403, Map.of(), "");
                return;
            }
            JsonNode body = json.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String current = body.get("currentPassword").stringValue();
            String proposed = body.get("newPassword").stringValue();
            if (!password.get().equals(current)) {
                TestSite.respond(exchange, 400, Map.of(), "{\"error\":\"The current password is not correct.\"}");
                return;
            }
            if (!policy.test(proposed)) {
                TestSite.respond(exchange, 422, Map.of(), "{\"error\":\"The new password breaks the rules.\"}");
                return;
            }
            password.set(proposed);
            changes.add(proposed);
            TestSite.respond(exchange, 200, Map.of(), "{\"status\":200}");
        }

        private static boolean signedIn(HttpExchange exchange) {
            return SESSION.equals(TestSite.cookie(exchange, "SESSION"));
        }

        @Override
        public void close() {
            site.close();
        }
    }
}
