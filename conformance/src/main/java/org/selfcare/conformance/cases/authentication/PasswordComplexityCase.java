package org.selfcare.conformance.cases.authentication;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.http.CsrfMeta;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.ProfileType;
import org.selfcare.conformance.profile.TargetProfile.Account;
import tools.jackson.databind.json.JsonMapper;

/**
 * T-5-4: static passwords must be complex. Signed in with the profile's first account, the case requests the
 * Selfcare API to change the password to simple ones, each of which must be rejected. It then changes the
 * password to a strong random one, which must be accepted (otherwise the rejections prove nothing), and back to
 * the original, so the other cases can still sign in.
 */
public final class PasswordComplexityCase implements TestCase {

    static final String CHANGE_PATH = "/api/v1/password";

    static final String TOKEN_PAGE = "/account/password";

    private static final String SYMBOLS = "!#%+-_=?@";

    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private static final JsonMapper json = JsonMapper.builder().build();

    private final CaseDescription description = CaseCatalog.get("T-5-4");

    private final SecureRandom random = new SecureRandom();

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public CaseResult run(CaseContext context) {
        if (context.profile().type() != ProfileType.SELFCARE) {
            return context.result(description, Verdict.INCONCLUSIVE,
                    "needs a password change form in the profile; this version changes passwords only through the "
                            + "Selfcare API");
        }
        if (context.profile().accounts().isEmpty()) {
            return context.result(description, Verdict.INCONCLUSIVE, "the profile has no account to sign in with");
        }
        Account account = context.profile().accounts().get(0);
        ProbeSession session = context.newSession();
        if (!context.signIn().attempt(session, account).succeeded()) {
            return context.result(description, Verdict.INCONCLUSIVE,
                    "could not sign in with the profile's first account, " + account.username());
        }
        Optional<Map<String, String>> token = csrfHeader(session);
        if (token.isEmpty()) {
            return context.result(description, Verdict.INCONCLUSIVE, "the page " + TOKEN_PAGE
                    + " has no _csrf meta element, so the kit cannot send the CSRF token with the password change");
        }

        Findings findings = new Findings();
        for (Map.Entry<String, String> simple : simplePasswords(account).entrySet()) {
            trySimple(session, token.get(), account, simple.getKey(), simple.getValue(), findings);
        }
        checkStrongAccepted(session, token.get(), account, findings);
        return context.result(description, findings,
                "every simple password was rejected and a strong one was accepted");
    }

    /**
     * Returns the simple passwords to try, keyed by what makes each simple.
     */
    static Map<String, String> simplePasswords(Account account) {
        Map<String, String> simple = new LinkedHashMap<>();
        simple.put("a short password (6 characters)", "Xq7#pL");
        simple.put("digits only", "4815162342108");
        simple.put("letters only", "lanternmeadowquartz");
        simple.put("the user name", account.username());
        simple.put("the user name without spaces", account.username().replaceAll("\\s", ""));
        simple.put("a common password", "password123");
        simple.put("the most common password", "123456");
        return simple;
    }

    private void trySimple(ProbeSession session, Map<String, String> token, Account account, String label,
            String candidate, Findings findings) {
        ProbeResponse response = change(session, token, account.password(), candidate);
        if (isSuccess(response)) {
            findings.fail("the target accepted " + label + " as the new password");
            ProbeResponse restore = change(session, token, candidate, account.password());
            if (!isSuccess(restore)) {
                findings.fail("could not restore the original password after accepting " + label + " (status "
                        + restore.status() + "); the account's password is now '" + candidate + "'");
            }
            return;
        }
        if (isRejection(response)) {
            findings.pass("rejected " + label + " (status " + response.status() + ")");
            return;
        }
        findings.inconclusive("could not tell whether " + label + " was rejected: " + describe(response));
    }

    private void checkStrongAccepted(ProbeSession session, Map<String, String> token, Account account,
            Findings findings) {
        String strong = strongPassword();
        ProbeResponse response = change(session, token, account.password(), strong);
        if (!isSuccess(response)) {
            findings.inconclusive("the target did not accept a strong random password either (" + describe(response)
                    + "), so the rejections may not come from a password policy");
            return;
        }
        findings.pass("accepted a strong random password");
        ProbeResponse restore = change(session, token, strong, account.password());
        if (isSuccess(restore)) {
            findings.note("restored the account's original password");
        }
        else {
            // The report is the only place the temporary password can be read from, and the account is a test
            // account, so the finding names it.
            findings.fail("could not restore the original password (" + describe(restore)
                    + "); the account's password is now '" + strong + "'");
        }
    }

    private static ProbeResponse change(ProbeSession session, Map<String, String> token, String current,
            String proposed) {
        String body = json.writeValueAsString(Map.of("currentPassword", current, "newPassword", proposed));
        return session.postJson(CHANGE_PATH, token, body);
    }

    /**
     * Returns the CSRF header name and token that Selfcare publishes in the meta elements of its pages.
     */
    static Optional<Map<String, String>> csrfHeader(ProbeSession session) {
        return CsrfMeta.header(session, TOKEN_PAGE);
    }

    /**
     * Returns 20 random characters with letters of both cases, digits and symbols, far beyond any common list.
     */
    String strongPassword() {
        return strongPasswordFrom(random);
    }

    /**
     * Returns 20 random characters from {@code random}, as {@link #strongPassword()} does.
     */
    public static String strongPasswordFrom(SecureRandom random) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        password.append((char) ('A' + random.nextInt(26)));
        password.append((char) ('a' + random.nextInt(26)));
        password.append((char) ('2' + random.nextInt(8)));
        password.insert(random.nextInt(password.length()), SYMBOLS.charAt(random.nextInt(SYMBOLS.length())));
        return password.toString();
    }

    private static boolean isSuccess(ProbeResponse response) {
        return response.status() >= 200 && response.status() < 300;
    }

    /**
     * Returns whether the response rejects the request itself: 400 or 422. A 401 or 403 means the session or
     * the CSRF token failed, which shows nothing about the password.
     */
    private static boolean isRejection(ProbeResponse response) {
        return response.status() == 400 || response.status() == 422;
    }

    private static String describe(ProbeResponse response) {
        return response.answered() ? "status " + response.status() : response.error().orElse("no response");
    }
}
