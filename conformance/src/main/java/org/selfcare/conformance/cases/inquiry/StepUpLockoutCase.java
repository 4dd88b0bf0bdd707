package org.selfcare.conformance.cases.inquiry;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.subscriber.SmsCodes;
import org.selfcare.conformance.cases.CaseCatalog;
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
import org.selfcare.conformance.profile.TargetProfile.Account;
import org.selfcare.sandbox.smsc.ReceivedSms;

/**
 * T-2-3: repeated wrong second-authentication codes lock the account.
 *
 * <p>Signed in with the account whose role is {@code step-up-lockout}, the case requests an SMS code for call
 * records and enters wrong codes, up to {@link #MAX_WRONG_CODES} times. The account must lock by the third wrong
 * code: the target responds with 423 {@code account_locked}, or stops evaluating codes, and afterwards rejects a
 * sign-in with the right password. With an {@code sms:} section the case also notes whether an SMS about the
 * lock arrived. The account stays locked for the deployment's lock time.
 */
public final class StepUpLockoutCase implements TestCase {

    /** The Recommendation tests with more than five wrong entries. */
    static final int MAX_WRONG_CODES = 5;

    /** The account must lock by this wrong code at the latest. */
    static final int LOCK_BY = 3;

    private static final int NOT_JUDGED = -1;

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-2-3");

    private final SecureRandom random = new SecureRandom();

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        TargetProfile profile = context.profile();
        if (profile.type() != ProfileType.SELFCARE) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "needs the Selfcare second authentication API, "
                    + "so it runs with selfcare profiles only");
        }
        Optional<Account> marked = profile.accountWithRole(TargetProfile.STEP_UP_LOCKOUT_ROLE);
        if (marked.isEmpty()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the profile marks no account this case may "
                    + "lock; add a third test account under accounts with role: " + TargetProfile.STEP_UP_LOCKOUT_ROLE);
        }
        Account account = marked.get();
        Findings findings = new Findings();

        ProbeSession session = context.newSession();
        if (!context.signIn().attempt(session, account).succeeded()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the account " + account.username() + " was "
                    + "refused with its right password before the case began, so it may still be locked from an "
                    + "earlier run; wait for the lock to end or use another account");
        }
        findings.note("account used: " + account.username() + " (role " + TargetProfile.STEP_UP_LOCKOUT_ROLE + ")");
        Optional<Map<String, String>> csrf = CsrfMeta.header(session, CallRecordsStepUpCase.TOKEN_PAGE);
        if (csrf.isEmpty()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the page " + CallRecordsStepUpCase.TOKEN_PAGE
                    + " has no _csrf meta element, so the kit cannot send the CSRF token with the codes");
        }

        Optional<SmsInbox> inbox = context.sms();
        StepUpApi api = new StepUpApi(session, csrf.get(), profile.captcha());
        int seen = inbox.map((sms) -> sms.messagesTo(account.username()).size()).orElse(0);
        ProbeResponse request = api.requestCode(StepUpApi.CALL_RECORDS);
        if (!StepUpApi.isSuccess(request)) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the request for an SMS code (POST "
                    + StepUpApi.CODE_PATH + ") returned " + StepUpApi.describe(request));
        }
        Optional<String> rightCode = inbox.flatMap((sms) -> SmsCodes.receive(context, sms, account.username(), seen,
                new Findings()));
        int seenBeforeLock = inbox.map((sms) -> sms.messagesTo(account.username()).size()).orElse(0);

        int lockedAt = enterWrongCodes(api, rightCode, findings);
        if (lockedAt == NOT_JUDGED) {
            return context.result(DESCRIPTION, findings, "");
        }
        checkRightPasswordRefused(context, account, lockedAt, findings);
        if (findings.verdict() != Verdict.FAIL) {
            noteLockSms(context, inbox, account, seenBeforeLock, findings);
        }
        return context.result(DESCRIPTION, findings, "the account locked by the " + ordinal(LOCK_BY)
                + " wrong second-authentication code and then refused the right password");
    }

    /**
     * Enters wrong codes until the target stops evaluating them, at most {@link #MAX_WRONG_CODES} times, and
     * judges when it stopped. Returns the number of the wrong code that locked the account, 0 when none did, or
     * {@link #NOT_JUDGED} when the first response shows nothing about evaluation.
     */
    private int enterWrongCodes(StepUpApi api, Optional<String> rightCode, Findings findings) {
        for (int i = 1; i <= MAX_WRONG_CODES; i++) {
            ProbeResponse response = api.verifyCode(StepUpApi.CALL_RECORDS, wrongCode(rightCode));
            if (StepUpApi.isSuccess(response)) {
                findings.fail("wrong second-authentication code " + i + " was accepted (" + StepUpApi.describe(response)
                        + ")");
                return 0;
            }
            if (response.status() == 400) {
                // 400 proof_invalid: the code was evaluated and found wrong, so the account is not locked yet.
                continue;
            }
            String code = JsonBody.text(response, "code");
            if (response.status() == 423) {
                judgeLock(i, "423" + (code.isEmpty() ? "" : " " + code), findings);
                if (!"account_locked".equals(code)) {
                    findings.note("the lock response has no code account_locked, which clients read");
                }
                return i;
            }
            if (i == 1) {
                findings.inconclusive("the first wrong second-authentication code got " + StepUpApi.describe(response)
                        + ", not 400 proof_invalid, so the kit cannot tell whether codes are evaluated");
                return NOT_JUDGED;
            }
            // Another response, such as 401 for a session the lock ended, means the account locked at the previous code.
            judgeLock(i - 1, "the next code got " + StepUpApi.describe(response), findings);
            return i - 1;
        }
        findings.fail("the target evaluated " + MAX_WRONG_CODES + " wrong second-authentication codes without "
                + "locking the account (each returned 400)");
        return 0;
    }

    private static void judgeLock(int wrongCode, String how, Findings findings) {
        if (wrongCode <= LOCK_BY) {
            findings.pass("the account locked at wrong second-authentication code " + wrongCode + " (" + how + ")");
        }
        else {
            findings.fail("the target evaluated " + (wrongCode - 1) + " wrong second-authentication codes before "
                    + "it locked the account at code " + wrongCode + " (" + how + "); it must lock by the "
                    + ordinal(LOCK_BY));
        }
    }

    /**
     * Signs in with the right password in a new session, which a locked account must refuse.
     */
    private static void checkRightPasswordRefused(CaseContext context, Account account, int lockedAt,
            Findings findings) {
        ProbeSession session = context.newSession();
        SignInAttempt attempt = context.signIn().attempt(session, account);
        boolean rejected = attempt.response().answered() && !attempt.succeeded()
                && !context.signIn().isSignedIn(session);
        if (rejected) {
            findings.pass("after the wrong codes the right password was refused at sign-in");
            findings.note("the account " + account.username() + " is locked now, for the deployment's lock time");
        }
        else if (lockedAt > 0) {
            findings.fail("the right password still signs in after the target reported the account locked at wrong code "
                    + lockedAt);
        }
        else {
            findings.fail("the right password still signs in after " + MAX_WRONG_CODES + " wrong "
                    + "second-authentication codes");
        }
    }

    /**
     * Notes whether an SMS arrived after the lock, which the subscriber should get to learn of the attack.
     */
    private static void noteLockSms(CaseContext context, Optional<SmsInbox> inbox, Account account, int seen,
            Findings findings) {
        if (inbox.isEmpty()) {
            findings.note("without an sms: section the kit cannot see whether the subscriber got an SMS about the "
                    + "lock");
            return;
        }
        Optional<ReceivedSms> message = inbox.get().awaitNew(account.username(), seen);
        if (message.isPresent()) {
            context.evidence().note(inbox.get().describe(message.get()));
            findings.note("an SMS to " + account.username() + " arrived after the lock");
        }
        else {
            findings.note("no SMS to " + account.username() + " arrived within " + inbox.get().waitTime()
                    + " after the lock");
        }
    }

    /**
     * Returns six random digits that differ from the right code, when the kit could read it.
     */
    private String wrongCode(Optional<String> rightCode) {
        while (true) {
            String candidate = String.format("%06d", random.nextInt(1_000_000));
            if (rightCode.map((code) -> !code.equals(candidate)).orElse(true)) {
                return candidate;
            }
        }
    }

    private static String ordinal(int number) {
        return switch (number) {
            case 1 -> "first";
            case 2 -> "second";
            case 3 -> "third";
            default -> number + "th";
        };
    }
}
