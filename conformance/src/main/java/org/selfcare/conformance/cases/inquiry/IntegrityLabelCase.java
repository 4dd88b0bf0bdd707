package org.selfcare.conformance.cases.inquiry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.cases.inquiry.SignedRequests.ApiRequest;
import org.selfcare.conformance.cases.inquiry.SignedRequests.Sent;
import org.selfcare.conformance.http.CsrfMeta;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.http.ResponseSignature;
import org.selfcare.conformance.http.SessionSigner;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.ProfileType;
import org.selfcare.conformance.profile.TargetProfile.Account;

/**
 * T-2-1: messages carry an integrity label, and the server discards changed ones.
 *
 * <p>Signed in with {@code accounts[0]}, the case sends a correctly signed {@code GET /api/v1/balance} and a
 * signed POST with a body that the server accepts. It then sends each again freshly signed but with one part
 * altered (method, path, query, body, timestamp, nonce, MAC, or no signature header), replays both unchanged
 * requests, and signs requests with a stale and a future timestamp. Every altered, replayed or mistimed request
 * must be rejected with 401. A last signed request checks that the session survived, so that the rejections
 * came from the signature checks.
 */
public final class IntegrityLabelCase implements TestCase {

    static final String BALANCE = "/api/v1/balance";

    /** The path the PATH alteration sends the balance request to: another read of the same subscriber. */
    static final String PAYMENTS = "/api/v1/payments";

    /** A page of the signed-in subscriber that publishes the CSRF token for the POST requests. */
    static final String TOKEN_PAGE = "/";

    /**
     * A second-authentication code request for a purpose that does not exist. A server that accepts the
     * signature rejects it as invalid without sending an SMS, so the check costs the subscriber nothing.
     */
    static final ApiRequest HARMLESS_POST = new ApiRequest("POST", StepUpApi.CODE_PATH,
            "{\"purpose\":\"x1470-integrity-check\"}", null,
            "{\"purpose\":\"x1470-integrity-check-altered\"}");

    static final ApiRequest BALANCE_GET = new ApiRequest("GET", BALANCE, null, PAYMENTS, null);

    private static final List<Alteration> GET_ALTERATIONS = List.of(Alteration.METHOD, Alteration.PATH,
            Alteration.QUERY, Alteration.TIMESTAMP, Alteration.NONCE, Alteration.MAC, Alteration.MISSING_HEADER);

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-2-1");

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        if (context.profile().type() != ProfileType.SELFCARE) {
            return context.result(DESCRIPTION, Verdict.INCONCLUSIVE, "needs a description of the target's API and "
                    + "its integrity labels to alter requests, which only selfcare profiles give the kit");
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
        if (!session.signer().isSigning()) {
            checkUnsignedRejected(session, findings);
            return context.result(DESCRIPTION, findings, "");
        }
        findings.pass("the target issued a session key for signing requests");

        Optional<Map<String, String>> csrf = CsrfMeta.header(session, TOKEN_PAGE);
        if (csrf.isEmpty()) {
            findings.inconclusive("the page " + TOKEN_PAGE + " has no _csrf meta element, so the kit cannot send "
                    + "signed POST requests");
            return context.result(DESCRIPTION, findings, "");
        }
        SignedRequests requests = new SignedRequests(session, csrf.get(), context.clock());

        List<Sent> accepted = new ArrayList<>();
        for (ApiRequest request : List.of(BALANCE_GET, HARMLESS_POST)) {
            Optional<Sent> sent = sendUnchanged(requests, request, findings);
            if (sent.isEmpty()) {
                return context.result(DESCRIPTION, findings, "");
            }
            accepted.add(sent.get());
        }

        for (Alteration alteration : GET_ALTERATIONS) {
            checkRejected(requests.send(BALANCE_GET, alteration), findings);
        }
        checkRejected(requests.send(HARMLESS_POST, Alteration.BODY), findings);
        for (Sent sent : accepted) {
            checkReplayRejected(requests.replay(sent), findings);
        }
        checkRejected(requests.send(BALANCE_GET, Alteration.STALE), findings);
        checkRejected(requests.send(BALANCE_GET, Alteration.FUTURE), findings);

        checkSessionSurvived(requests, findings);
        return context.result(DESCRIPTION, findings, "the target accepted correctly signed requests and rejected "
                + "every altered, replayed, stale and future one with 401");
    }

    /**
     * Sends {@code request} correctly signed. Returns empty, with an INCONCLUSIVE finding, when the target
     * rejects it, because then a rejected alteration would show nothing.
     */
    static Optional<Sent> sendUnchanged(SignedRequests requests, ApiRequest request, Findings findings) {
        Sent sent = requests.send(request, Alteration.NONE);
        if (!sent.answered() || sent.rejected() || sent.response().status() == 403) {
            findings.inconclusive("the correctly signed " + request.describe() + " returned "
                    + SignedRequests.describe(sent.response()) + ", so the kit cannot tell a rejected alteration "
                    + "from a request the target refuses anyway");
            return Optional.empty();
        }
        findings.pass("the target accepted the correctly signed " + request.describe() + " ("
                + SignedRequests.describe(sent.response()) + ")");
        ResponseSignature signature = requests.responseSignature(sent);
        if (signature.isProblem()) {
            findings.fail("the response to " + request.describe() + " (status " + sent.response().status()
                    + ") carried no valid signature: " + signature.description());
        }
        return Optional.of(sent);
    }

    /**
     * Records whether an altered request was rejected with 401. Any other status means the target processed it.
     */
    static void checkRejected(Sent sent, Findings findings) {
        String what = sent.request().describe() + " " + sent.alteration().description();
        if (!sent.answered()) {
            findings.inconclusive(what + " got no response (" + sent.response().error().orElse("unknown error")
                    + ")");
            return;
        }
        if (!sent.rejected()) {
            findings.fail("the target accepted " + what + " (" + SignedRequests.describe(sent.response())
                    + " instead of 401)");
            return;
        }
        findings.pass("the target rejected " + what + " with 401");
        if (!SignedRequests.isSignatureRejection(sent.response())) {
            findings.note("the rejection of " + what + " did not carry the code "
                    + SignedRequests.SIGNATURE_INVALID);
        }
    }

    static void checkReplayRejected(Sent replay, Findings findings) {
        String what = "the unchanged " + replay.request().describe() + " sent a second time with the same "
                + "signature";
        if (!replay.answered()) {
            findings.inconclusive(what + " got no response (" + replay.response().error().orElse("unknown error")
                    + ")");
            return;
        }
        if (!replay.rejected()) {
            findings.fail("the target accepted " + what + " (" + SignedRequests.describe(replay.response())
                    + " instead of 401), so it does not reject replays");
            return;
        }
        findings.pass("the target rejected " + what + " with 401");
    }

    /**
     * Checks that a correctly signed request still works after all the rejections. When it does not, the target
     * may have ended the session, and the rejections above cannot be distinguished from that.
     */
    static void checkSessionSurvived(SignedRequests requests, Findings findings) {
        Sent last = requests.send(BALANCE_GET, Alteration.NONE);
        if (last.rejected() || !last.answered()) {
            findings.inconclusive("after the altered requests, a correctly signed " + BALANCE_GET.describe()
                    + " returned " + SignedRequests.describe(last.response()) + ", so the session may have ended "
                    + "and the rejections may not come from the signature checks");
            return;
        }
        findings.pass("a correctly signed request after the altered ones was still accepted");
    }

    /**
     * Checks a target that issues no session key. Its API must then reject unsigned requests, or the messages
     * carry no integrity label at all.
     */
    private static void checkUnsignedRejected(ProbeSession session, Findings findings) {
        ProbeResponse unsigned = session.get(BALANCE, Map.of("Accept", "application/json"));
        if (unsigned.status() >= 200 && unsigned.status() < 300) {
            findings.fail("the target issued no session key (POST " + SessionSigner.SESSION_KEY_PATH + ": "
                    + session.signer().status() + ") and accepted GET " + BALANCE + " without an integrity label");
            return;
        }
        findings.inconclusive("the target issued no session key (POST " + SessionSigner.SESSION_KEY_PATH + ": "
                + session.signer().status() + "), and GET " + BALANCE + " without a label returned "
                + SignedRequests.describe(unsigned) + ", so the kit cannot sign requests to alter them");
    }
}
