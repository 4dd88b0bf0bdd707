package org.selfcare.conformance.cases.authentication;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.cases.subscriber.Provisioned;
import org.selfcare.conformance.cases.subscriber.SmsCodes;
import org.selfcare.conformance.cases.subscriber.TestSubscribers;
import org.selfcare.conformance.http.CsrfMeta;
import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.inbox.SmsInbox;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.ProfileType;
import org.selfcare.conformance.profile.SignInAttempt;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.sandbox.smsc.ReceivedSms;

/**
 * T-5-5: at the first sign-in the identity is verified and a password change is forced before anything else.
 *
 * <p>The case creates a fresh subscriber through the operator API and reads the initial password from the SMS
 * the kit's SMSC receives. Signed in with it, it checks that pages and APIs other than the first sign-in are
 * unreachable and that the password cannot be set before the identity check. A wrong SMS code must be rejected
 * and the right one accepted, and a weak new password must be rejected. After it sets a strong password, the portal
 * must be reachable and the initial password must no longer sign in.
 *
 * <p>Each run leaves one new subscriber in the deployment, with a random password the kit does not keep.
 */
final class FirstSignInCase implements TestCase {

    static final String FIRST_SIGN_IN_PAGE = "/first-sign-in";

    static final String CODE_PATH = "/api/v1/first-sign-in/code";

    static final String VERIFY_PATH = "/api/v1/first-sign-in/verify";

    static final String PASSWORD_PATH = "/api/v1/first-sign-in/password";

    /** Pages that must redirect to the first sign-in until it is complete. */
    static final List<String> BLOCKED_PAGES = List.of("/", "/calls", "/account/password");

    /** API paths that must respond with 403 first_sign_in_required until it is complete. */
    static final List<String> BLOCKED_APIS = List.of("/api/v1/balance", "/api/v1/me");

    static final String WEAK_PASSWORD = "password123";

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-5-5");

    private final SecureRandom random = new SecureRandom();

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        TargetProfile profile = context.profile();
        if (profile.type() != ProfileType.SELFCARE) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "needs the Selfcare operator and first sign-in "
                    + "API, so it runs with selfcare profiles only");
        }
        if (profile.provisioning().isEmpty()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the profile has no provisioning: section, so "
                    + "the kit cannot create a fresh subscriber; add provisioning: with url, token-file, region, "
                    + "first-number and last-number");
        }
        Optional<SmsInbox> inbox = context.sms();
        if (inbox.isEmpty()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the profile has no sms: section, so the kit "
                    + "cannot read the initial password and the SMS code; add sms: with the port the kit's SMSC "
                    + "listens on, system-id and password-file, and configure the deployment to send SMS there");
        }
        Findings findings = new Findings();

        Optional<Provisioned> subscriber = TestSubscribers.provision(context, profile.provisioning().get(),
                inbox.get(), findings);
        if (subscriber.isEmpty()) {
            return context.result(DESCRIPTION, findings, "");
        }
        Provisioned first = subscriber.get();
        ProbeSession session = context.newSession();
        SignInAttempt signIn = context.signIn().attempt(session, first.number(), first.initialPassword(), true);
        if (!signIn.succeeded()) {
            findings.inconclusive("the first sign-in of " + first.number() + " with the initial password from the "
                    + "SMS was refused (" + signIn.result() + ", status " + signIn.response().status() + "); check "
                    + "sms.initial-password-pattern");
            return context.result(DESCRIPTION, findings, "");
        }
        findings.pass("signed in with the initial password from the SMS");

        checkEverythingElseBlocked(session, "before the identity check", findings);
        Optional<Map<String, String>> csrf = CsrfMeta.header(session, FIRST_SIGN_IN_PAGE);
        if (csrf.isEmpty()) {
            findings.inconclusive("the page " + FIRST_SIGN_IN_PAGE + " did not return 200 with a _csrf meta element, "
                    + "so the kit cannot go through the first sign-in");
            return context.result(DESCRIPTION, findings, "");
        }
        String newPassword = PasswordComplexityCase.strongPasswordFrom(random);
        context.redactor().addSecret(newPassword);
        boolean passwordSet = checkPasswordNeedsIdentity(session, csrf.get(), newPassword, findings);

        if (!passwordSet) {
            if (!verifyIdentity(context, session, csrf.get(), inbox.get(), first, findings)) {
                return context.result(DESCRIPTION, findings, "");
            }
            checkEverythingElseBlocked(session, "after the identity check but before the password change", findings);
            passwordSet = setPassword(session, csrf.get(), newPassword, findings);
        }
        if (passwordSet) {
            checkReachableAfterChange(session, findings);
            checkInitialPasswordRetired(context, first, findings);
        }
        return context.result(DESCRIPTION, findings, "the first sign-in verified the identity by SMS code and "
                + "forced a password change before any other page or API");
    }

    /**
     * Checks that pages redirect to the first sign-in and APIs respond with 403 {@code first_sign_in_required}.
     * A page or API that returns 2xx fails the case.
     */
    private static void checkEverythingElseBlocked(ProbeSession session, String when, Findings findings) {
        for (String page : BLOCKED_PAGES) {
            ProbeResponse response = session.get(page);
            String location = response.header("location").orElse("");
            if (isSuccess(response)) {
                findings.fail("the first sign-in reached the page " + page + " " + when + " (status "
                        + response.status() + ")");
            }
            else if (response.isRedirect() && location.contains(FIRST_SIGN_IN_PAGE)) {
                findings.pass("the page " + page + " redirected to " + FIRST_SIGN_IN_PAGE + " " + when);
            }
            else {
                findings.note("the page " + page + " " + when + " returned " + describe(response) + ", not a "
                        + "redirect to " + FIRST_SIGN_IN_PAGE);
            }
        }
        for (String api : BLOCKED_APIS) {
            ProbeResponse response = session.get(api, Map.of("Accept", "application/json"));
            if (isSuccess(response)) {
                findings.fail("the first sign-in reached " + api + " " + when + " (status " + response.status()
                        + ")");
            }
            else if (response.status() == 403 && "first_sign_in_required".equals(JsonBody.text(response, "code"))) {
                findings.pass(api + " returned 403 first_sign_in_required " + when);
            }
            else {
                findings.note(api + " " + when + " returned " + describe(response) + ", not 403 "
                        + "first_sign_in_required");
            }
        }
    }

    /**
     * Tries to set the password before any identity check, which must be refused. Returns whether the target
     * accepted it, in which case the new password is now set.
     */
    private static boolean checkPasswordNeedsIdentity(ProbeSession session, Map<String, String> csrf,
            String newPassword, Findings findings) {
        ProbeResponse response = session.postJson(PASSWORD_PATH, csrf,
                JsonBody.write(Map.of("newPassword", newPassword)));
        if (isSuccess(response)) {
            findings.fail("the first sign-in set a new password without an identity check (POST " + PASSWORD_PATH
                    + " before verification returned " + describe(response) + ")");
            return true;
        }
        findings.pass("the password could not be set before the identity check (" + describe(response) + ")");
        return false;
    }

    /**
     * Requests an SMS code, checks that a wrong one is refused, and verifies with the right one. Returns whether
     * the identity check passed, so that the password can be set.
     */
    private boolean verifyIdentity(CaseContext context, ProbeSession session, Map<String, String> csrf,
            SmsInbox inbox, Provisioned first, Findings findings) {
        int seen = inbox.messagesTo(first.number()).size();
        ProbeResponse request = session.postJson(CODE_PATH, csrf, "");
        if (!isSuccess(request)) {
            findings.fail("the first sign-in offers no SMS code for the identity check (POST " + CODE_PATH
                    + " returned " + describe(request) + ")");
            return false;
        }
        Optional<ReceivedSms> message = inbox.awaitNew(first.number(), seen);
        if (message.isEmpty()) {
            findings.inconclusive("no SMS code to " + first.number() + " arrived within " + inbox.waitTime());
            return false;
        }
        Optional<String> code = inbox.code(message.get());
        context.evidence().note(inbox.describe(message.get()));
        if (code.isEmpty()) {
            findings.inconclusive("the SMS to " + first.number() + " held no code that sms.code-pattern matches");
            return false;
        }

        ProbeResponse wrong = verify(session, csrf, SmsCodes.wrongCode(code.get()));
        if (isSuccess(wrong)) {
            findings.fail("the identity check accepted a wrong SMS code (" + describe(wrong) + ")");
            return true;
        }
        findings.pass("the identity check refused a wrong SMS code (" + describe(wrong) + ")");

        ProbeResponse right = verify(session, csrf, code.get());
        if (!isSuccess(right)) {
            findings.inconclusive("the identity check refused the right SMS code (" + describe(right) + ")");
            return false;
        }
        findings.pass("the identity check accepted the right SMS code");
        return true;
    }

    private static ProbeResponse verify(ProbeSession session, Map<String, String> csrf, String code) {
        return session.postJson(VERIFY_PATH, csrf, JsonBody.write(Map.of("method", "sms-code", "code", code)));
    }

    /**
     * Tries a weak password, which the policy must refuse, then sets the strong one. Returns whether it was set.
     */
    private static boolean setPassword(ProbeSession session, Map<String, String> csrf, String newPassword,
            Findings findings) {
        ProbeResponse weak = session.postJson(PASSWORD_PATH, csrf, JsonBody.write(Map.of("newPassword",
                WEAK_PASSWORD)));
        if (isSuccess(weak)) {
            findings.fail("the first sign-in accepted the weak password '" + WEAK_PASSWORD + "' as the new password");
            return true;
        }
        findings.pass("the first sign-in refused a weak new password (" + describe(weak) + ")");

        ProbeResponse strong = session.postJson(PASSWORD_PATH, csrf, JsonBody.write(Map.of("newPassword",
                newPassword)));
        if (!isSuccess(strong)) {
            findings.inconclusive("the first sign-in refused a strong random password too (" + describe(strong)
                    + ")");
            return false;
        }
        findings.pass("the first sign-in accepted a strong new password");
        return true;
    }

    private static void checkReachableAfterChange(ProbeSession session, Findings findings) {
        for (String path : List.of("/", "/api/v1/balance")) {
            ProbeResponse response = session.get(path, Map.of("Accept", path.startsWith("/api/")
                    ? "application/json" : "text/html"));
            if (isSuccess(response)) {
                findings.pass(path + " is reachable after the password change");
            }
            else {
                findings.fail(path + " is still unreachable after the identity check and the password change ("
                        + describe(response) + ")");
            }
        }
    }

    /**
     * Signs in with the initial password in a new session, which must be refused now. The failed sign-in counts
     * once toward the fresh subscriber's lockout.
     */
    private static void checkInitialPasswordRetired(CaseContext context, Provisioned first, Findings findings) {
        ProbeSession session = context.newSession();
        SignInAttempt attempt = context.signIn().attempt(session, first.number(), first.initialPassword(), true);
        if (attempt.succeeded() && context.signIn().isSignedIn(session)) {
            findings.fail("the initial password still signs in after the password change");
        }
        else {
            findings.pass("the initial password no longer signs in");
        }
    }

    private static boolean isSuccess(ProbeResponse response) {
        return response.status() >= 200 && response.status() < 300;
    }

    private static String describe(ProbeResponse response) {
        if (!response.answered()) {
            return "no response (" + response.error().orElse("unknown error") + ")";
        }
        String code = JsonBody.text(response, "code");
        String location = response.header("location").map((value) -> " to " + value).orElse("");
        return "status " + response.status() + (code.isEmpty() ? "" : " " + code) + location;
    }
}
