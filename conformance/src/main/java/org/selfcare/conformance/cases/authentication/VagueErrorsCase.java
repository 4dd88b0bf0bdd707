package org.selfcare.conformance.cases.authentication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.profile.SignInAttempt;
import org.selfcare.conformance.profile.SignInFlow;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * T-5-1: failed sign-ins get a vague message and never reveal software details.
 *
 * <p>The case signs in with an unknown user name, with the first account and a wrong password, with special
 * characters, very long values and malformed requests, and scans every response, error pages included, for
 * stack traces, exception names, SQL errors, file paths and server or framework names and versions. It then
 * compares what a person sees after an unknown user name and after a wrong password, and how long each takes,
 * because any difference reveals to an attacker which accounts exist.
 *
 * <p>The account gets at most {@code lockout.max-failures - 1} wrong passwords (one when the limit is 1), and the
 * case signs in with the right password first and last, so that it neither locks the account nor counts on
 * it being unlocked: a locked account makes the comparison INCONCLUSIVE. T-5-2 locks its account, so it should
 * run after this case or with its own account as {@code accounts[1]}.
 */
final class VagueErrorsCase implements TestCase {

    static final int TIMING_SAMPLES = 10;

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-5-1");

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        Findings findings = new Findings();
        Probes probes = new Probes(context, findings);
        UnknownUsernames unknowns = new UnknownUsernames(context.profile());

        String unknownUsername = unknowns.configuredOrNew();
        List<TargetProfile.Account> accounts = context.profile().accounts();
        // Both views mask both user names, because a page may echo the name it was given.
        List<String> echoed = accounts.isEmpty() ? List.of(unknownUsername)
                : List.of(unknownUsername, accounts.get(0).username());
        Probes.Outcome unknown = probes.signIn("an unknown user name", unknownUsername, Probes.randomPassword(),
                echoed);
        findings.note("unknown user name used: " + unknownUsername);
        if (unknown.attempt().succeeded()) {
            findings.inconclusive("sign-in with the unknown user name " + unknownUsername + " was read as a success; "
                    + "check sign-in.success and sign-in.failure in the profile");
        }

        if (accounts.isEmpty()) {
            findings.inconclusive("the profile lists no account, so the kit could not compare an unknown user name "
                    + "with a wrong password; add a test account under accounts");
        }
        else {
            compareWithWrongPassword(context, probes, unknowns, unknown, accounts.get(0), echoed, findings);
        }

        probes.sendSpecialInput(unknowns);
        probes.sendMalformedRequests(unknownUsername);
        probes.reportDetails();
        return context.result(DESCRIPTION, findings, "no failed sign-in showed software details, and an unknown "
                + "user name and a wrong password got the same response");
    }

    private static void compareWithWrongPassword(CaseContext context, Probes probes, UnknownUsernames unknowns,
            Probes.Outcome unknown, TargetProfile.Account account, List<String> echoed, Findings findings) {
        SignInFlow flow = context.signIn();
        if (!flow.attempt(context.newSession(), account).succeeded()) {
            findings.inconclusive("the account " + account.username() + " was refused with its right password "
                    + "before the comparison, so it may be locked (T-5-2 locks its account); wait for the lock to "
                    + "end, or give T-5-2 its own account as accounts[1]");
            return;
        }

        Probes.Outcome wrong = probes.signIn("a wrong password", account.username(), Probes.randomPassword(), echoed);
        wrong.view().differenceFrom(unknown.view()).ifPresentOrElse(
                (difference) -> findings.fail("an unknown user name and a wrong password get different responses, "
                        + "which reveals which accounts exist: " + difference + " (wrong password vs unknown user name)"),
                () -> findings.pass("an unknown user name and a wrong password get the same response"));

        int wrongSamples = Math.max(1, Math.min(TIMING_SAMPLES, context.profile().lockout().maxFailures() - 1));
        List<Duration> unknownTimes = new ArrayList<>(List.of(unknown.attempt().response().elapsed()));
        List<Duration> wrongTimes = new ArrayList<>(List.of(wrong.attempt().response().elapsed()));
        for (int i = 1; i < TIMING_SAMPLES; i++) {
            unknownTimes.add(probes.timeFailure(unknowns.generate(), Probes.randomPassword()));
            if (i < wrongSamples) {
                wrongTimes.add(probes.timeFailure(account.username(), Probes.randomPassword()));
            }
        }
        context.evidence().note("T-5-1 response times in ms: unknown user name " + millis(unknownTimes)
                + "; wrong password " + millis(wrongTimes));
        findings.note("response times compared over " + unknownTimes.size() + " unknown user names and "
                + wrongTimes.size() + " wrong passwords (at most lockout.max-failures - 1, so the account stays "
                + "unlocked)");
        Timings.compare("wrong passwords", wrongTimes, "unknown user names", unknownTimes).ifPresentOrElse(
                (text) -> findings.fail("failed sign-ins take different times, which reveals which accounts exist: "
                        + text),
                () -> findings.pass("wrong passwords and unknown user names take about the same time (medians "
                        + Timings.median(wrongTimes).toMillis() + " ms and " + Timings.median(unknownTimes).toMillis()
                        + " ms)"));

        if (!flow.attempt(context.newSession(), account).succeeded()) {
            findings.note("the account " + account.username() + " was refused with its right password after the "
                    + "wrong ones, so it may now be locked");
        }
        else if (context.profile().lockout().maxFailures() == 1) {
            findings.note("lockout.max-failures is 1, so the one wrong password may have locked " + account.username());
        }
    }

    private static List<Long> millis(List<Duration> samples) {
        return samples.stream().map(Duration::toMillis).toList();
    }

    /**
     * Sends the probes of this case and collects the software details each response shows.
     */
    static final class Probes {

        record Outcome(String username, SignInAttempt attempt, UserView view) {
        }

        private final CaseContext context;

        private final Findings findings;

        private final SignInFlow flow;

        /** Software detail found, and the probes whose responses showed it. */
        private final Map<String, List<String>> details = new LinkedHashMap<>();

        Probes(CaseContext context, Findings findings) {
            this.context = context;
            this.findings = findings;
            this.flow = context.signIn();
        }

        static String randomPassword() {
            return "X1470-wrong-" + Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);
        }

        Outcome signIn(String probe, String username, String password) {
            return signIn(probe, username, password, List.of(username));
        }

        /**
         * Signs in once in a new session and scans every response.
         *
         * @param echoed values masked in the view, such as the user names a page may show back
         */
        Outcome signIn(String probe, String username, String password, List<String> echoed) {
            ProbeSession session = context.newSession();
            SignInAttempt attempt = flow.attempt(session, username, password, true);
            UserView view = UserView.of(session, attempt.response(), echoed);
            List<String> sent = List.of(username, password);
            scan(probe, attempt.formPage(), sent);
            view.responses().forEach((response) -> scan(probe, response, sent));
            return new Outcome(username, attempt, view);
        }

        Duration timeFailure(String username, String password) {
            SignInAttempt attempt = flow.attempt(context.newSession(), username, password, true);
            scan("a timed sign-in", attempt.response(), List.of(username, password));
            return attempt.response().elapsed();
        }

        void sendSpecialInput(UnknownUsernames unknowns) {
            Map<String, String> usernames = new LinkedHashMap<>();
            usernames.put("a single quote in the user name", "'");
            usernames.put("SQL metacharacters in the user name", "' OR '1'='1' -- ;");
            usernames.put("a double quote and a backslash in the user name", "\"\\");
            usernames.put("an HTML script tag in the user name", "<script>alert(1470)</script>");
            usernames.put("NUL and control characters in the user name", "x1470\u0000\u0001\u001b\r\n\t");
            usernames.put("non-ASCII characters in the user name", "Ünïcødé 测试 😀 \u202e");
            usernames.put("template syntax in the user name", "${7*7}{{7*7}}#{7*7}%s%n");
            usernames.put("a 10,000-character user name", "A".repeat(10_000));
            usernames.put("a 100,000-character user name", "A".repeat(100_000));
            usernames.forEach((probe, username) -> report(probe, signIn(probe, username, randomPassword())));

            Map<String, String> passwords = new LinkedHashMap<>();
            passwords.put("SQL metacharacters in the password", "' OR '1'='1' -- ;");
            passwords.put("a NUL in the password", "x1470\u0000y");
            passwords.put("a 100,000-character password", "A".repeat(100_000));
            passwords.forEach((probe, password) -> report(probe, signIn(probe, unknowns.generate(), password)));
        }

        void sendMalformedRequests(String username) {
            TargetProfile.SignIn form = context.profile().signIn();
            String password = randomPassword();
            String formType = "application/x-www-form-urlencoded";

            post("the user name but no password field", formType, (hidden) -> encode(hidden)
                    + field(form.usernameField(), username), username);
            post("the password but no user name field", formType, (hidden) -> encode(hidden)
                    + field(form.passwordField(), password), username);
            post("an empty body", formType, (hidden) -> "", username);
            post("invalid percent-encoding", formType, (hidden) -> encode(hidden) + form.usernameField() + "=%zz%E0%A4"
                    + "&" + form.passwordField() + "=%", username);
            post("a JSON body", "application/json", (hidden) -> "{\"" + form.usernameField() + "\":\"" + username
                    + "\",\"" + form.passwordField() + "\":\"" + password + "\"}", username);
            post("a plain-text body", "text/plain", (hidden) -> username + ":" + password, username);
        }

        private void post(String probe, String contentType, java.util.function.Function<Map<String, String>, String> body,
                String username) {
            ProbeSession session = context.newSession();
            ProbeResponse page = session.get(context.profile().signIn().page());
            String text = body.apply(session.hiddenFields(page));
            ProbeResponse response = session.send("POST", context.profile().signIn().action(),
                    Map.of("Content-Type", contentType, "Accept", "text/html,application/json;q=0.9,*/*;q=0.8"),
                    text);
            UserView view = UserView.of(session, response, List.of(username));
            view.responses().forEach((each) -> scan(probe, each, List.of(username)));
            report(probe, new Outcome(username, null, view));
        }

        private void report(String probe, Outcome outcome) {
            ProbeResponse response = outcome.view().responses().get(0);
            if (!response.answered()) {
                findings.note("no response to " + probe + ": " + response.error().orElse("unknown error"));
            }
            else if (response.status() >= 500) {
                findings.note("the server failed with status " + response.status() + " on " + probe
                        + "; check that input for injection flaws under T-1-1");
            }
        }

        private void scan(String probe, ProbeResponse response, List<String> sent) {
            for (String detail : SoftwareDetails.find(response, sent)) {
                List<String> probesShowingIt = details.computeIfAbsent(detail, (key) -> new ArrayList<>());
                if (!probesShowingIt.contains(probe)) {
                    probesShowingIt.add(probe);
                }
            }
        }

        void reportDetails() {
            if (details.isEmpty()) {
                findings.pass("no response showed a stack trace, exception, SQL error, file path or software "
                        + "name and version");
                return;
            }
            details.forEach((detail, probesShowingIt) -> findings.fail("a failed sign-in shows software details: "
                    + detail + ", after " + describe(probesShowingIt)));
        }

        private static String describe(List<String> probes) {
            if (probes.size() <= 3) {
                return String.join("; ", probes);
            }
            return String.join("; ", probes.subList(0, 3)) + " and " + (probes.size() - 3) + " more";
        }

        private static String encode(Map<String, String> fields) {
            StringBuilder text = new StringBuilder();
            fields.forEach((name, value) -> text.append(field(name, value)).append('&'));
            return text.toString();
        }

        private static String field(String name, String value) {
            return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + "="
                    + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
