package org.selfcare.conformance.cases.authentication;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.SignInAttempt;
import org.selfcare.conformance.profile.SignInFlow;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * T-5-3: a new sign-in ends the account's earlier session, so that a stolen session stops working once the
 * subscriber signs in again and one account is never used from two places at once.
 *
 * <p>Two clients with separate cookies sign in with {@code accounts[0]}, one after the other. The first must
 * then be signed out and the second signed in, both judged by the profile's protected path. The case needs the
 * account unlocked, so it reports INCONCLUSIVE rather than FAIL when the first sign-in is refused (T-5-2 may have
 * locked the account; it should run last or with its own account as {@code accounts[1]}).
 */
final class SingleSessionCase implements TestCase {

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-5-3");

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        if (context.profile().accounts().isEmpty()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the profile lists no account to sign in with "
                    + "twice; add a test account under accounts");
        }
        TargetProfile.Account account = context.profile().accounts().get(0);
        SignInFlow flow = context.signIn();
        Findings findings = new Findings();

        ProbeSession first = context.newSession();
        SignInAttempt firstSignIn = flow.attempt(first, account);
        if (!firstSignIn.succeeded()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the first sign-in of " + account.username()
                    + " was refused (" + firstSignIn.result() + ", status " + firstSignIn.response().status()
                    + "); check the account's password, and that T-5-2 has not locked it");
        }
        if (!flow.isSignedIn(first)) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the first client signed in but could not read "
                    + "the protected path " + context.profile().protectedPath() + "; check protected-path in the "
                    + "profile");
        }

        ProbeSession second = context.newSession();
        SignInAttempt secondSignIn = flow.attempt(second, account);
        if (!secondSignIn.succeeded()) {
            findings.fail("the second sign-in was refused while the first session was active (" + secondSignIn.result()
                    + ", status " + secondSignIn.response().status() + "); a new sign-in must replace the old "
                    + "session, not be blocked by it");
            return context.result(DESCRIPTION, findings, "");
        }

        if (flow.isSignedIn(first)) {
            findings.fail("the first session stayed valid after a second sign-in with the same account");
        }
        else {
            findings.pass("the first session was signed out by the second sign-in");
        }
        if (flow.isSignedIn(second)) {
            findings.pass("the second session is signed in");
        }
        else {
            findings.fail("the second session could not read the protected path right after its sign-in");
        }
        return context.result(DESCRIPTION, findings, "a second sign-in ended the first session and the second "
                + "session works");
    }
}
