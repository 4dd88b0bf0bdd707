package org.selfcare.conformance.cases.inquiry;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.subscriber.SmsCodes;
import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.cases.inquiry.SignedRequests.ApiRequest;
import org.selfcare.conformance.cases.inquiry.SignedRequests.Sent;
import org.selfcare.conformance.http.CsrfMeta;
import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.http.ResponseSignature;
import org.selfcare.conformance.http.SessionSigner;
import org.selfcare.conformance.inbox.SmsInbox;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.ProfileType;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.conformance.profile.TargetProfile.Account;
import tools.jackson.databind.JsonNode;

/**
 * T-2-4: key data is protected against tampering, and verified on the server and the client side.
 *
 * <p>Signed in with {@code accounts[0]}, the case checks that the responses carrying key data (the subscriber,
 * balance, payments, and call records after a second authentication by SMS) are signed and verify. On the server
 * side it checks that a changed body and a replayed request are rejected. When the profile has a
 * {@code database:} section, it changes one sealed record of the account in the database, checks that the API
 * then withholds it as {@code {"id": ..., "unavailable": true}}, and restores it. On the client side it checks
 * that pages load the integrity module.
 *
 * <p>The kit runs no browser, so the case ends REVIEW after passing checks unless the database check ran and
 * the profile records that a person did the browser check ({@code integrity.browser-check-done: true}).
 */
public final class KeyDataTamperCase implements TestCase {

    static final List<String> KEY_DATA_PATHS = List.of("/api/v1/me", "/api/v1/balance", "/api/v1/payments");

    static final ApiRequest ME_GET = new ApiRequest("GET", "/api/v1/me", null, null, null);

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-2-4");

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        TargetProfile profile = context.profile();
        if (profile.type() != ProfileType.SELFCARE) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "needs a description of the target's API, its "
                    + "signatures and its sealed records, which only selfcare profiles give the kit");
        }
        if (profile.accounts().isEmpty()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "the profile lists no account; add a test "
                    + "account under accounts");
        }
        Account account = profile.accounts().get(0);
        Findings findings = new Findings();

        ProbeSession session = context.newSession();
        if (!context.signIn().attempt(session, account).succeeded()) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "could not sign in with the profile's first "
                    + "account, " + account.username() + "; check its password and that it is not locked");
        }
        // Without signing the case fails at once, but goes on with the checks that need no signature, so the
        // report also shows whether sealed records and the browser module are in place.
        boolean signing = session.signer().isSigning();
        if (!signing) {
            findings.fail("the target issued no session key (POST " + SessionSigner.SESSION_KEY_PATH + ": "
                    + session.signer().status() + "), so its responses carry no signature a client could verify");
        }
        for (String path : signing ? KEY_DATA_PATHS : List.<String>of()) {
            checkSigned(session, session.get(path, Map.of("Accept", "application/json")), "GET " + path, findings);
        }
        Optional<Map<String, String>> csrf = CsrfMeta.header(session, IntegrityLabelCase.TOKEN_PAGE);
        if (csrf.isEmpty()) {
            findings.inconclusive("the page " + IntegrityLabelCase.TOKEN_PAGE + " has no _csrf meta element, so the "
                    + "kit cannot send the POST requests of this case");
            return context.result(DESCRIPTION, findings, "");
        }
        boolean callsOpen = openCallRecords(context, session, csrf.get(), account, findings);
        if (callsOpen && signing) {
            checkSigned(session, session.get(StepUpApi.CALLS_API, Map.of("Accept", "application/json")),
                    "GET " + StepUpApi.CALLS_API, findings);
        }
        if (signing) {
            checkServerRejectsTampering(new SignedRequests(session, csrf.get(), context.clock()), findings);
        }
        if (profile.database().isPresent()) {
            checkSealedRecord(context, session, profile.database().get(), findings);
        }
        else {
            findings.note("the profile has no database: section, so the kit did not change a sealed record");
        }
        IntegrityModule.check(session, findings);

        boolean complete = profile.database().isPresent() && profile.integrity().browserCheckDone();
        if (complete) {
            return context.result(DESCRIPTION, findings, "key data responses were signed and verified, changed and "
                    + "replayed requests were rejected, a record changed in the database was withheld, and the "
                    + "profile records the browser check");
        }
        return context.result(DESCRIPTION, findings, Verdict.REVIEW, reviewReason(profile));
    }

    private static String reviewReason(TargetProfile profile) {
        String reason = "the automatic checks passed; read the security configuration document for how the browser "
                + "verifies response signatures and shows an integrity error instead of changed data, and try it "
                + "in a browser";
        if (!profile.integrity().browserCheckDone()) {
            reason += ", then set integrity.browser-check-done: true in the profile";
        }
        if (profile.database().isEmpty()) {
            reason += "; add a database: section so the kit can also change a sealed record";
        }
        return reason;
    }

    /**
     * Checks the signature of one key data response. Problems the session found go into the findings at once,
     * so each names the response it belongs to.
     */
    private static void checkSigned(ProbeSession session, ProbeResponse response, String request,
            Findings findings) {
        List<String> problems = session.signer().takeProblems();
        problems.forEach(findings::fail);
        if (!StepUpApi.isSuccess(response)) {
            findings.inconclusive(request + " returned " + StepUpApi.describe(response) + ", so the kit could not "
                    + "check the signature of its key data");
            return;
        }
        if (response.signature() == ResponseSignature.VALID) {
            findings.pass("the key data response to " + request + " carried a valid signature");
        }
    }

    /**
     * Proves the subscriber by SMS code for call records. Returns false, with an INCONCLUSIVE finding, when the
     * profile has no {@code sms:} section or a step fails.
     */
    private static boolean openCallRecords(CaseContext context, ProbeSession session, Map<String, String> csrf,
            Account account, Findings findings) {
        Optional<SmsInbox> inbox = context.sms();
        if (inbox.isEmpty()) {
            findings.inconclusive(SmsCodes.missingSmsSection("the SMS code") + ", so it cannot open the call "
                    + "records and check their signature");
            return false;
        }
        StepUpApi api = new StepUpApi(session, csrf, context.profile().captcha());
        int seen = inbox.get().messagesTo(account.username()).size();
        ProbeResponse request = api.requestCode(StepUpApi.CALL_RECORDS);
        if (!StepUpApi.isSuccess(request)) {
            findings.inconclusive("the request for an SMS code (POST " + StepUpApi.CODE_PATH + ") returned "
                    + StepUpApi.describe(request) + ", so the kit could not open the call records");
            return false;
        }
        Optional<String> code = SmsCodes.receive(context, inbox.get(), account.username(), seen, findings);
        if (code.isEmpty()) {
            return false;
        }
        ProbeResponse verify = api.verifyCode(StepUpApi.CALL_RECORDS, code.get());
        if (!StepUpApi.isSuccess(verify)) {
            findings.inconclusive("the target refused the right SMS code (POST " + StepUpApi.VERIFY_PATH
                    + " returned " + StepUpApi.describe(verify) + "), so the kit could not open the call records");
            return false;
        }
        return true;
    }

    /**
     * Repeats the smallest server-side checks of T-2-1 on key data: a signed read of the subscriber sent twice,
     * and a POST whose body changed after signing.
     */
    private static void checkServerRejectsTampering(SignedRequests requests, Findings findings) {
        Sent me = requests.send(ME_GET, Alteration.NONE);
        if (me.rejected() || !StepUpApi.isSuccess(me.response())) {
            findings.inconclusive("the correctly signed " + ME_GET.describe() + " returned "
                    + SignedRequests.describe(me.response()) + ", so the kit could not replay it");
        }
        else {
            IntegrityLabelCase.checkReplayRejected(requests.replay(me), findings);
        }
        IntegrityLabelCase.checkRejected(requests.send(IntegrityLabelCase.HARMLESS_POST, Alteration.BODY), findings);
    }

    /**
     * Changes one sealed record of the account in the database, checks that the API withholds it, and puts the
     * original value back, whatever happened in between.
     */
    private static void checkSealedRecord(CaseContext context, ProbeSession session, TargetProfile.Database database,
            Findings findings) {
        String list = "GET " + database.listPath();
        ProbeResponse before = session.get(database.listPath(), Map.of("Accept", "application/json"));
        if (!StepUpApi.isSuccess(before)) {
            findings.inconclusive(list + " returned " + StepUpApi.describe(before) + ", so the kit has no record "
                    + "of " + database.table() + " to change");
            return;
        }
        Optional<Long> id = firstShownId(before);
        if (id.isEmpty()) {
            findings.inconclusive(list + " showed no record with an id, so the kit has nothing to change; give "
                    + "accounts[0] a record in " + database.table());
            return;
        }

        SealedRecordTamper tamper = new SealedRecordTamper(database);
        SealedRecordTamper.Change change;
        try {
            change = tamper.tamper(id.get());
        }
        catch (SQLException ex) {
            findings.inconclusive("the kit could not change " + database.table() + "." + database.column()
                    + " of id " + id.get() + " in the database: " + ex.getMessage());
            return;
        }
        context.evidence().note("changed " + tamper.describe(change) + " in the database from " + change.original()
                + " to " + change.tampered());
        try {
            checkWithheld(session.get(database.listPath(), Map.of("Accept", "application/json")), list, change,
                    database.table(), findings);
        }
        finally {
            restore(tamper, change, findings);
        }
    }

    private static void checkWithheld(ProbeResponse after, String list, SealedRecordTamper.Change change,
            String table, Findings findings) {
        if (!StepUpApi.isSuccess(after)) {
            findings.inconclusive("after the change " + list + " returned " + StepUpApi.describe(after));
            return;
        }
        Optional<JsonNode> item = itemWithId(after, change.id());
        if (item.isEmpty()) {
            findings.note("after the change " + list + " left record " + change.id() + " out instead of listing it "
                    + "as unavailable");
            return;
        }
        List<String> fields = new ArrayList<>(item.get().propertyNames());
        fields.removeAll(List.of("id", "unavailable"));
        if (item.get().path("unavailable").asBoolean(false) && fields.isEmpty()) {
            findings.pass("after the change in the database " + list + " showed record " + change.id() + " of "
                    + table + " as unavailable, without its data");
            return;
        }
        findings.fail("the record " + change.id() + " of " + table + " changed in the database was shown by " + list
                + " with " + String.join(", ", fields) + " instead of as unavailable");
    }

    private static void restore(SealedRecordTamper tamper, SealedRecordTamper.Change change, Findings findings) {
        String manual = "; set " + tamper.describe(change) + " back to " + change.original() + " by hand";
        try {
            if (tamper.restore(change)) {
                findings.note("restored " + tamper.describe(change) + " to its original value");
            }
            else {
                findings.inconclusive("the kit could not restore " + tamper.describe(change) + manual);
            }
        }
        catch (SQLException ex) {
            findings.inconclusive("the kit could not restore " + tamper.describe(change) + " (" + ex.getMessage()
                    + ")" + manual);
        }
    }

    private static Optional<Long> firstShownId(ProbeResponse response) {
        for (JsonNode item : JsonBody.of(response).path("items")) {
            if (item.path("id").canConvertToLong() && !item.path("unavailable").asBoolean(false)) {
                return Optional.of(item.path("id").longValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> itemWithId(ProbeResponse response, long id) {
        for (JsonNode item : JsonBody.of(response).path("items")) {
            if (item.path("id").canConvertToLong() && item.path("id").longValue() == id) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
