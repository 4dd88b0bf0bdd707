package org.selfcare.conformance.cases.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.profile.SignInFlow;

/**
 * Sends classic SQL injection payloads in the user name and password of the sign-in form. Fails when a
 * response shows a database error, which means the input reached the SQL text, or when a payload signs in.
 * A few time-delay payloads catch injection that shows no error: the probe fails only when the delay repeats.
 */
final class SqlInjectionProbe {

    /** User name that no deployment should have, so the probes cost no real account a failed sign-in. */
    static final String NOBODY = "x1470-nobody";

    /** Seconds the time-delay payloads ask the database to sleep. */
    private static final int DELAY_SECONDS = 3;

    /** Extra time over the baseline that counts as the database sleeping, below {@link #DELAY_SECONDS}. */
    private static final Duration DELAY_THRESHOLD = Duration.ofMillis(2500);

    private record Payload(String username, String password) {
    }

    private static final List<Payload> ERROR_AND_BYPASS = List.of(
            new Payload("'", "'"),
            new Payload("\"", NOBODY),
            new Payload("' OR '1'='1", "' OR '1'='1"),
            new Payload("' OR 1=1-- ", NOBODY),
            new Payload("admin'-- ", NOBODY),
            new Payload("x1470') OR ('1'='1", "x1470') OR ('1'='1"),
            new Payload(NOBODY, "' OR '1'='1"));

    private static final List<Payload> DELAY = List.of(
            new Payload("x1470' AND SLEEP(" + DELAY_SECONDS + ")-- ", NOBODY),
            new Payload("x1470' AND 1=(SELECT 1 FROM pg_sleep(" + DELAY_SECONDS + "))-- ", NOBODY),
            new Payload("x1470'; WAITFOR DELAY '0:0:" + DELAY_SECONDS + "'-- ", NOBODY));

    private final CaseContext context;

    private final Findings findings;

    private final SignInFlow flow;

    SqlInjectionProbe(CaseContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
        this.flow = context.signIn();
    }

    void run() {
        List<Payload> payloads = new ArrayList<>(ERROR_AND_BYPASS);
        if (!context.profile().accounts().isEmpty()) {
            // Comments out a password check that follows the user name in the query.
            payloads.add(new Payload(context.profile().accounts().get(0).username() + "'-- ", NOBODY));
        }
        int clean = 0;
        for (Payload payload : payloads) {
            if (attempt(payload)) {
                clean++;
            }
        }
        if (clean == payloads.size()) {
            findings.pass(payloads.size() + " SQL injection payloads in the sign-in form neither signed in nor "
                    + "showed a database error");
        }
        probeDelay();
    }

    /**
     * Posts one payload and returns whether the target handled it safely.
     */
    private boolean attempt(Payload payload) {
        ProbeSession session = context.newSession();
        ProbeResponse response = post(session, payload);
        if (!response.answered()) {
            findings.note("SQL injection payload " + describe(payload) + " got no response: "
                    + response.error().orElse("unknown error"));
            return true;
        }
        if (response.status() == 429) {
            findings.inconclusive("the sign-in form returned 429 Too Many Requests to the SQL injection payload "
                    + describe(payload) + "; exempt the kit's address from the rate limit or rerun later");
            return false;
        }
        List<ProbeResponse> responses = new ArrayList<>(List.of(response));
        WebPages.followRedirect(session, response).ifPresent(responses::add);
        for (ProbeResponse seen : responses) {
            Optional<String> error = Signatures.find(Signatures.DATABASE_ERROR, seen.body());
            if (error.isPresent()) {
                findings.fail("SQL injection: the sign-in form answered " + describe(payload)
                        + " with a database error (\"" + error.get() + "\"), so the input reaches the SQL text");
                return false;
            }
        }
        if (WebPages.signedIn(flow, session, response)) {
            findings.fail("SQL injection: the sign-in form let " + describe(payload) + " sign in");
            return false;
        }
        return true;
    }

    private void probeDelay() {
        ProbeResponse baseline = post(context.newSession(), new Payload(NOBODY, NOBODY));
        if (!baseline.answered()) {
            findings.note("the time-delay SQL injection check was skipped: the sign-in form did not respond");
            return;
        }
        for (Payload payload : DELAY) {
            if (slower(payload, baseline.elapsed()) && slower(payload, baseline.elapsed())) {
                findings.fail("SQL injection: the sign-in form took over " + DELAY_THRESHOLD.toMillis()
                        + " ms longer, twice, for " + describe(payload) + ", so the database ran the injected delay");
                return;
            }
        }
        findings.pass("time-delay SQL injection payloads did not slow the sign-in form (baseline "
                + baseline.elapsed().toMillis() + " ms)");
    }

    private boolean slower(Payload payload, Duration baseline) {
        ProbeResponse response = post(context.newSession(), payload);
        return response.answered() && response.elapsed().minus(baseline).compareTo(DELAY_THRESHOLD) >= 0;
    }

    private ProbeResponse post(ProbeSession session, Payload payload) {
        return flow.attempt(session, payload.username(), payload.password(), true).response();
    }

    private static String describe(Payload payload) {
        return "user name [" + payload.username() + "] and password [" + payload.password() + "]";
    }
}
