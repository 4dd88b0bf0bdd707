package org.selfcare.conformance.cases.inquiry;

import java.util.ArrayList;
import java.util.List;
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
import org.selfcare.conformance.profile.TargetProfile.Account;
import tools.jackson.databind.JsonNode;

/**
 * T-2-2: call records need a second authentication on top of the sign-in.
 *
 * <p>Signed in with {@code accounts[0]}, the case checks that balance and payments need only the sign-in, and
 * that call records (the API and the page) demand a second authentication without showing any record. It then
 * requests an SMS code, reads it from the kit's SMSC, verifies it and checks that the call records are shown.
 * Last, in a fresh session (a new sign-in, which ends the first), it checks that the proof did not carry over,
 * and that a proof for another purpose (payments) does not open call records.
 */
public final class CallRecordsStepUpCase implements TestCase {

    static final List<String> SIGN_IN_ONLY_PATHS = List.of("/api/v1/balance", "/api/v1/payments");

    /** A page the signed-in subscriber can open, which carries the CSRF token in its meta elements. */
    static final String TOKEN_PAGE = "/account/password";

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-2-2");

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        if (context.profile().type() != ProfileType.SELFCARE) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "needs the Selfcare call record and second "
                    + "authentication API, so it runs with selfcare profiles only");
        }
        if (context.profile().accounts().isEmpty()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the profile lists no account; add a test "
                    + "account under accounts");
        }
        Account account = context.profile().accounts().get(0);
        Findings findings = new Findings();

        ProbeSession session = context.newSession();
        if (!context.signIn().attempt(session, account).succeeded()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "could not sign in with the profile's first "
                    + "account, " + account.username() + "; check its password and that it is not locked");
        }
        if (!signInAloneSuffices(session, findings)) {
            return context.result(DESCRIPTION, findings, "");
        }

        StepUpApi api = new StepUpApi(session, Map.of(), context.profile().captcha());
        ProbeResponse apiBefore = api.callsApi();
        checkApiDemandsProof(apiBefore, "", findings);
        ProbeResponse pageBefore = api.callsPage();
        checkPageDemandsProof(pageBefore, findings);

        Optional<SmsInbox> inbox = context.sms();
        if (inbox.isEmpty()) {
            findings.inconclusive(SmsCodes.missingSmsSection("the SMS code")
                    + ", so it cannot check that call records are shown after a second authentication");
            return context.result(DESCRIPTION, findings, "");
        }
        Optional<Map<String, String>> csrf = CsrfMeta.header(session, TOKEN_PAGE);
        if (csrf.isEmpty()) {
            findings.inconclusive("the page " + TOKEN_PAGE + " has no _csrf meta element, so the kit cannot send "
                    + "the CSRF token with the second authentication");
            return context.result(DESCRIPTION, findings, "");
        }
        api = new StepUpApi(session, csrf.get(), context.profile().captcha());

        List<String> records = proveAndReadCallRecords(context, api, inbox.get(), account, findings);
        if (records.isEmpty()) {
            return context.result(DESCRIPTION, findings, "");
        }
        checkNoRecordLeaked(records, List.of(apiBefore, pageBefore), findings);

        checkFreshSession(context, inbox.get(), account, records, findings);
        return context.result(DESCRIPTION, findings, "call records were shown only after a second authentication by "
                + "SMS code, and the proof stayed with its session and purpose");
    }

    /**
     * Checks that balance and payments need only the sign-in. When they do not, a refusal of call records would
     * not show a second authentication, so the case cannot go on.
     */
    private static boolean signInAloneSuffices(ProbeSession session, Findings findings) {
        for (String path : SIGN_IN_ONLY_PATHS) {
            ProbeResponse response = session.get(path, Map.of("Accept", "application/json"));
            if (!StepUpApi.isSuccess(response)) {
                findings.inconclusive("the sign-in alone could not read " + path + " (" + StepUpApi.describe(response)
                        + "), so a refusal of call records would not show a second authentication");
                return false;
            }
            findings.pass("the sign-in alone reads " + path);
        }
        return true;
    }

    /**
     * Checks that the call records API responds with 403 {@code step_up_required}.
     *
     * @param when words that say in which state the request was made, for the finding
     */
    static void checkApiDemandsProof(ProbeResponse response, String when, Findings findings) {
        String request = "GET " + StepUpApi.CALLS_API + when;
        if (StepUpApi.isSuccess(response)) {
            findings.fail("call records were shown without a second authentication: " + request + " returned "
                    + StepUpApi.describe(response) + recordCount(response));
            return;
        }
        String code = JsonBody.text(response, "code");
        if (response.status() == 403 && "step_up_required".equals(code)) {
            String purpose = JsonBody.text(response, "purpose");
            findings.pass(request + " demanded a second authentication (403 step_up_required"
                    + (purpose.isEmpty() ? "" : ", purpose " + purpose) + ")");
            if (!StepUpApi.CALL_RECORDS.equals(purpose)) {
                findings.note("the demand names purpose '" + purpose + "', not " + StepUpApi.CALL_RECORDS);
            }
            return;
        }
        findings.fail(request + " returned " + StepUpApi.describe(response) + ", not 403 step_up_required, so a "
                + "client is not asked for a second authentication");
    }

    private static void checkPageDemandsProof(ProbeResponse response, Findings findings) {
        String location = response.header("location").orElse("");
        if (response.isRedirect() && location.contains(StepUpApi.STEP_UP_PAGE)) {
            findings.pass("the page " + StepUpApi.CALLS_PAGE + " redirected to the second authentication page ("
                    + location + ")");
            if (!location.contains("purpose=" + StepUpApi.CALL_RECORDS)) {
                findings.note("the redirect does not name purpose=" + StepUpApi.CALL_RECORDS);
            }
            return;
        }
        if (StepUpApi.isSuccess(response)) {
            findings.fail("the page " + StepUpApi.CALLS_PAGE + " was shown without a second authentication (status "
                    + response.status() + ")");
            return;
        }
        findings.fail("the page " + StepUpApi.CALLS_PAGE + " without a second authentication returned "
                + StepUpApi.describe(response) + ", not a redirect to " + StepUpApi.STEP_UP_PAGE + "?purpose="
                + StepUpApi.CALL_RECORDS);
    }

    /**
     * Requests an SMS code, verifies it and reads the call records. Returns the other parties of the records
     * shown, or an empty list when any step failed (the finding names the step).
     */
    private static List<String> proveAndReadCallRecords(CaseContext context, StepUpApi api, SmsInbox inbox,
            Account account, Findings findings) {
        int seen = inbox.messagesTo(account.username()).size();
        ProbeResponse request = api.requestCode(StepUpApi.CALL_RECORDS);
        if (!StepUpApi.isSuccess(request)) {
            findings.inconclusive("the request for an SMS code (POST " + StepUpApi.CODE_PATH + ") returned "
                    + StepUpApi.describe(request));
            return List.of();
        }
        Optional<String> code = SmsCodes.receive(context, inbox, account.username(), seen, findings);
        if (code.isEmpty()) {
            return List.of();
        }
        findings.pass("an SMS with a code arrived at the kit's SMSC");

        ProbeResponse verify = api.verifyCode(StepUpApi.CALL_RECORDS, code.get());
        if (!StepUpApi.isSuccess(verify)) {
            findings.inconclusive("the target refused the right SMS code (POST " + StepUpApi.VERIFY_PATH + " returned "
                    + StepUpApi.describe(verify) + ")");
            return List.of();
        }
        findings.pass("the SMS code was accepted as a second authentication for call records");

        ProbeResponse calls = api.callsApi();
        List<String> records = otherParties(calls);
        if (!StepUpApi.isSuccess(calls) || records.isEmpty()) {
            findings.inconclusive("after the second authentication GET " + StepUpApi.CALLS_API + " returned "
                    + StepUpApi.describe(calls) + recordCount(calls) + ", so the kit cannot tell a demand for a "
                    + "second authentication from a refusal; give accounts[0] an account with call records");
            return List.of();
        }
        findings.pass("after the second authentication GET " + StepUpApi.CALLS_API + " showed " + records.size()
                + " call records");
        ProbeResponse page = api.callsPage();
        if (StepUpApi.isSuccess(page)) {
            findings.pass("after the second authentication the page " + StepUpApi.CALLS_PAGE + " was shown");
        }
        else {
            findings.note("after the second authentication the page " + StepUpApi.CALLS_PAGE + " returned "
                    + StepUpApi.describe(page));
        }
        return records;
    }

    /**
     * Checks that no other party of a record shown after the proof appeared in a response made before it.
     */
    private static void checkNoRecordLeaked(List<String> records, List<ProbeResponse> before, Findings findings) {
        for (ProbeResponse response : before) {
            for (String party : records) {
                if (party.length() >= 4 && response.body().contains(party)) {
                    findings.fail("the response to GET " + response.uri().getPath() + " without a second "
                            + "authentication contained a call record (other party " + party + ")");
                    return;
                }
            }
        }
        findings.pass("no call record appeared in the responses without a second authentication");
    }

    /**
     * Signs in again, which ends the first session, and checks that call records need a new proof there, and
     * that a proof for payments does not open them.
     */
    private static void checkFreshSession(CaseContext context, SmsInbox inbox, Account account,
            List<String> records, Findings findings) {
        ProbeSession fresh = context.newSession();
        if (!context.signIn().attempt(fresh, account).succeeded()) {
            findings.inconclusive("the second sign-in of " + account.username() + " was refused, so the kit could "
                    + "not check that the proof stays with its session");
            return;
        }
        StepUpApi api = new StepUpApi(fresh, Map.of(), context.profile().captcha());
        ProbeResponse calls = api.callsApi();
        checkApiDemandsProof(calls, " in a fresh session after the first session's proof", findings);
        checkNoRecordLeaked(records, List.of(calls), findings);

        Optional<Map<String, String>> csrf = CsrfMeta.header(fresh, TOKEN_PAGE);
        if (csrf.isEmpty()) {
            findings.inconclusive("the page " + TOKEN_PAGE + " of the fresh session has no _csrf meta element");
            return;
        }
        checkOtherPurpose(context, new StepUpApi(fresh, csrf.get(), context.profile().captcha()), inbox, account,
                findings);
    }

    /**
     * Proves the subscriber for payments and checks that call records still demand their own proof. A target
     * that offers no second authentication for payments gets a note, because the contract lists it as a later
     * purpose.
     */
    private static void checkOtherPurpose(CaseContext context, StepUpApi api, SmsInbox inbox, Account account,
            Findings findings) {
        int seen = inbox.messagesTo(account.username()).size();
        ProbeResponse request = api.requestCode(StepUpApi.OTHER_PURPOSE);
        if (!StepUpApi.isSuccess(request)) {
            findings.note("the target offers no SMS code for purpose " + StepUpApi.OTHER_PURPOSE + " ("
                    + StepUpApi.describe(request) + "), so the kit could not check that a proof for another purpose "
                    + "leaves call records closed");
            return;
        }
        Optional<String> code = SmsCodes.receive(context, inbox, account.username(), seen, findings);
        if (code.isEmpty()) {
            return;
        }
        ProbeResponse verify = api.verifyCode(StepUpApi.OTHER_PURPOSE, code.get());
        if (!StepUpApi.isSuccess(verify)) {
            findings.note("the target refused the SMS code for purpose " + StepUpApi.OTHER_PURPOSE + " ("
                    + StepUpApi.describe(verify) + "), so the kit could not check that a proof for another purpose "
                    + "leaves call records closed");
            return;
        }
        ProbeResponse calls = api.callsApi();
        if (StepUpApi.isSuccess(calls)) {
            findings.fail("a proof for " + StepUpApi.OTHER_PURPOSE + " opened call records: GET "
                    + StepUpApi.CALLS_API + " returned " + StepUpApi.describe(calls) + recordCount(calls));
        }
        else {
            findings.pass("a proof for " + StepUpApi.OTHER_PURPOSE + " left call records closed ("
                    + StepUpApi.describe(calls) + ")");
        }
    }

    /**
     * Returns the other party of each call record in a call records response.
     */
    static List<String> otherParties(ProbeResponse response) {
        List<String> parties = new ArrayList<>();
        for (JsonNode item : JsonBody.of(response).path("items")) {
            String party = item.path("otherParty").asString("");
            if (!party.isEmpty()) {
                parties.add(party);
            }
        }
        return parties;
    }

    private static String recordCount(ProbeResponse response) {
        int count = JsonBody.of(response).path("items").size();
        return (count > 0) ? " with " + count + " call records" : "";
    }
}
