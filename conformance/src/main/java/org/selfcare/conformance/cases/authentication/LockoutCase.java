package org.selfcare.conformance.cases.authentication;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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
 * T-5-2: repeated failed sign-ins lock the account, and the lock refuses even the right password for at least
 * the time the deployment promises.
 *
 * <p>The case fails {@code lockout.max-failures} times, each in a new session so that a counter kept in the
 * session does not count, and then signs in with the right password, which a locked account must refuse. While
 * the account is locked, the right and a wrong password must get the same response, or the lock still lets an
 * attacker test passwords. An unknown user name failed as often must get that response too, or the lock message
 * reveals which accounts exist. With {@code lockout.wait-for-unlock} the case checks that the lock still holds
 * shortly before {@code lockout.minimum-duration} and has ended shortly after it.
 *
 * <p>The case leaves its account locked unless it waited for the lock to end. It uses {@code accounts[1]} when
 * the profile lists two accounts, and otherwise {@code accounts[0]}, which T-5-1, T-5-3 and T-5-6 also use: then
 * it should run last.
 */
final class LockoutCase implements TestCase {

    /** The Recommendation's example of a long enough lock. */
    static final Duration SUGGESTED_MINIMUM = Duration.ofMinutes(5);

    /** Maximum margin kept around {@code lockout.minimum-duration} when the case times the lock. */
    static final Duration MAX_MARGIN = Duration.ofSeconds(30);

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-5-2");

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        TargetProfile profile = context.profile();
        if (profile.accounts().isEmpty()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the profile lists no account to lock; add a "
                    + "test account under accounts, ideally a second one used only by T-5-2");
        }
        boolean ownAccount = profile.accounts().size() > 1;
        TargetProfile.Account account = profile.accounts().get(ownAccount ? 1 : 0);
        TargetProfile.Lockout lockout = profile.lockout();
        SignInFlow flow = context.signIn();
        Findings findings = new Findings();

        if (!flow.attempt(context.newSession(), account).succeeded()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the account " + account.username() + " was "
                    + "refused with its right password before the case began, so it may still be locked from an "
                    + "earlier run; wait lockout.minimum-duration (" + lockout.minimumDuration() + ") or use "
                    + "another account");
        }
        findings.note("account used: " + account.username() + (ownAccount ? " (accounts[1])"
                : " (accounts[0], shared with other cases: run T-5-2 last or add a second account)"));
        if (lockout.minimumDuration().compareTo(SUGGESTED_MINIMUM) < 0) {
            findings.note("the profile promises a lock of only " + lockout.minimumDuration()
                    + "; the Recommendation's example is at least 5 minutes");
        }

        String unknownUsername = new UnknownUsernames(profile).configuredOrNew();
        List<String> echoed = List.of(account.username(), unknownUsername);
        Instant lockStart = null;
        for (int i = 1; i <= lockout.maxFailures(); i++) {
            SignInAttempt failure = flow.attempt(context.newSession(), account.username(),
                    VagueErrorsCase.Probes.randomPassword(), true);
            if (!failure.response().answered()) {
                return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "failed sign-in " + i + " got no response: "
                        + failure.response().error().orElse("unknown error"));
            }
            if (failure.succeeded()) {
                findings.fail("a wrong password was accepted as a sign-in of " + account.username());
                return context.result(DESCRIPTION, findings, "");
            }
            lockStart = context.clock().instant();
        }

        ProbeSession lockedSession = context.newSession();
        SignInAttempt rightWhileLocked = flow.attempt(lockedSession, account);
        UserView lockedView = UserView.of(lockedSession, rightWhileLocked.response(), echoed);
        if (!rejected(flow, lockedSession, rightWhileLocked)) {
            findings.fail("the account did not lock after " + lockout.maxFailures() + " failed sign-ins: the right "
                    + "password was still accepted");
            findings.note("no lock to time, and " + account.username() + " is not locked");
            return context.result(DESCRIPTION, findings, "");
        }
        findings.pass("the account locked after " + lockout.maxFailures() + " failed sign-ins and refused the right "
                + "password");

        compareWrongPassword(context, flow, account, lockedView, echoed, findings);
        compareUnknownUsername(context, flow, unknownUsername, lockedView, echoed, findings);

        if (lockout.waitForUnlock()) {
            timeLock(context, flow, account, lockStart, findings);
        }
        else {
            findings.note("the lock's duration was not timed; set lockout.wait-for-unlock: true to make the kit wait "
                    + "lockout.minimum-duration (" + lockout.minimumDuration() + ") and check that the lock holds "
                    + "that long and then ends");
            findings.note("the account " + account.username() + " is locked now: wait "
                    + lockout.minimumDuration() + " before other cases use it");
        }
        return context.result(DESCRIPTION, findings, "the account locked after " + lockout.maxFailures()
                + " failed sign-ins and refused the right password");
    }

    private static void compareWrongPassword(CaseContext context, SignInFlow flow, TargetProfile.Account account,
            UserView lockedView, List<String> echoed, Findings findings) {
        ProbeSession session = context.newSession();
        SignInAttempt wrong = flow.attempt(session, account.username(), VagueErrorsCase.Probes.randomPassword(), true);
        UserView.of(session, wrong.response(), echoed).differenceFrom(lockedView).ifPresentOrElse(
                (difference) -> findings.fail("while the account is locked, a wrong password gets a different "
                        + "response from the right one, so the lock still lets an attacker test passwords: "
                        + difference + " (wrong vs right password)"),
                () -> findings.pass("while the account is locked, the right and a wrong password get the same "
                        + "response"));
    }

    private static void compareUnknownUsername(CaseContext context, SignInFlow flow, String unknownUsername,
            UserView lockedView, List<String> echoed, Findings findings) {
        int maxFailures = context.profile().lockout().maxFailures();
        for (int i = 0; i < maxFailures; i++) {
            flow.attempt(context.newSession(), unknownUsername, VagueErrorsCase.Probes.randomPassword(), true);
        }
        ProbeSession session = context.newSession();
        SignInAttempt unknown = flow.attempt(session, unknownUsername, VagueErrorsCase.Probes.randomPassword(), true);
        UserView.of(session, unknown.response(), echoed).differenceFrom(lockedView).ifPresentOrElse(
                (difference) -> findings.fail("after " + maxFailures + " failed sign-ins, the unknown user name "
                        + unknownUsername + " gets a different response from the locked account, which reveals which "
                        + "accounts exist: " + difference + " (unknown user name vs locked account)"),
                () -> findings.pass("after " + maxFailures + " failed sign-ins, an unknown user name gets the same "
                        + "response as the locked account"));
    }

    /**
     * Checks that the lock holds until shortly before the promised duration and has ended shortly after it.
     * Both times count from the last failed sign-in.
     */
    private static void timeLock(CaseContext context, SignInFlow flow, TargetProfile.Account account,
            Instant lockStart, Findings findings) {
        Duration minimum = context.profile().lockout().minimumDuration();
        Duration margin = minimum.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? minimum.dividedBy(10) : MAX_MARGIN;

        if (!sleepUntil(context, lockStart.plus(minimum.minus(margin)))) {
            findings.inconclusive("the wait for the lock to end was interrupted");
            return;
        }
        ProbeSession before = context.newSession();
        SignInAttempt beforeEnd = flow.attempt(before, account);
        Duration elapsed = since(context, lockStart);
        if (!rejected(flow, before, beforeEnd)) {
            findings.fail("the lock ended too early: the right password was accepted " + elapsed + " after the lock "
                    + "began, before the promised lockout.minimum-duration of " + minimum);
            return;
        }
        findings.pass("the account was still locked " + elapsed + " after the lock began");

        if (!sleepUntil(context, lockStart.plus(minimum.plus(margin)))) {
            findings.inconclusive("the wait for the lock to end was interrupted");
            return;
        }
        ProbeSession after = context.newSession();
        SignInAttempt afterEnd = flow.attempt(after, account);
        elapsed = since(context, lockStart);
        if (afterEnd.succeeded() && flow.isSignedIn(after)) {
            findings.pass("the lock is temporary: the right password was accepted again " + elapsed
                    + " after the lock began");
            findings.note("the account " + account.username() + " is unlocked again");
        }
        else {
            findings.note("the account " + account.username() + " was still locked " + elapsed + " after the lock "
                    + "began, longer than lockout.minimum-duration (" + minimum + "). The site may restart the "
                    + "lock on every attempt made during it, or only an operator may lift it; check the "
                    + "configuration document. The account may still be locked.");
        }
    }

    /**
     * Returns whether a sign-in attempt was rejected: not read as a success, and the session not signed in.
     * A lock message that the profile's failure rule does not match still counts as a rejection.
     */
    static boolean rejected(SignInFlow flow, ProbeSession session, SignInAttempt attempt) {
        return attempt.response().answered() && !attempt.succeeded() && !flow.isSignedIn(session);
    }

    private static Duration since(CaseContext context, Instant start) {
        return Duration.between(start, context.clock().instant()).truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean sleepUntil(CaseContext context, Instant deadline) {
        Duration wait = Duration.between(context.clock().instant(), deadline);
        if (wait.isNegative() || wait.isZero()) {
            return true;
        }
        try {
            Thread.sleep(wait.toMillis() + 1);
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
