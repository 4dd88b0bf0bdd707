package org.selfcare.conformance.cases.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.profile.SignInFlow;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * Tries default and weak passwords on the sign-in form: the usual vendor defaults, and for the profile's first
 * account its own user name, 123456 and password. At most {@code lockout.max-failures - 1} attempts go to each
 * user name, so the probe never locks an account, and a sign-in with the real password afterwards resets the
 * count on sites that reset it on success.
 */
final class DefaultPasswordProbe {

    private static final List<String[]> DEFAULTS = List.of(new String[] { "admin", "admin" },
            new String[] { "admin", "password" }, new String[] { "root", "root" }, new String[] { "test", "test" });

    private final CaseContext context;

    private final Findings findings;

    private final SignInFlow flow;

    DefaultPasswordProbe(CaseContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
        this.flow = context.signIn();
    }

    void run() {
        TargetProfile profile = context.profile();
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        for (String[] pair : DEFAULTS) {
            candidates.computeIfAbsent(pair[0], (name) -> new ArrayList<>()).add(pair[1]);
        }
        profile.accounts().stream().findFirst().ifPresent((account) -> candidates
                .computeIfAbsent(account.username(), (name) -> new ArrayList<>())
                .addAll(List.of(account.username(), "123456", "password")));

        int allowed = profile.lockout().maxFailures() - 1;
        if (allowed < 1) {
            findings.inconclusive("default passwords were not tried: lockout.max-failures is "
                    + profile.lockout().maxFailures() + ", so even one wrong password could lock an account");
            return;
        }

        int tried = 0;
        List<String> skipped = new ArrayList<>();
        boolean accepted = false;
        for (Map.Entry<String, List<String>> user : candidates.entrySet()) {
            List<String> passwords = user.getValue().stream().distinct().toList();
            for (int index = 0; index < passwords.size(); index++) {
                if (index >= allowed) {
                    skipped.add(user.getKey() + "/" + passwords.get(index));
                    continue;
                }
                tried++;
                ProbeSession session = context.newSession();
                ProbeResponse response = flow.attempt(session, user.getKey(), passwords.get(index), true).response();
                if (response.status() == 429) {
                    findings.inconclusive("the sign-in form returned 429 Too Many Requests while trying default "
                            + "passwords; exempt the kit's address from the rate limit or rerun later");
                    resetFailures(profile);
                    return;
                }
                if (response.answered() && WebPages.signedIn(flow, session, response)) {
                    accepted = true;
                    findings.fail("weak password: the sign-in form accepted the user name " + user.getKey()
                            + " with the password '" + passwords.get(index) + "'");
                    break;
                }
            }
        }
        if (!skipped.isEmpty()) {
            findings.note("not tried, to stay below lockout.max-failures of " + profile.lockout().maxFailures()
                    + ": " + skipped);
        }
        if (!accepted) {
            findings.pass("the sign-in form rejected " + tried + " default and weak passwords");
        }
        resetFailures(profile);
    }

    /**
     * Signs in once with the first account's real password, so that the failures above do not count towards a
     * lockout in later cases.
     */
    private void resetFailures(TargetProfile profile) {
        if (profile.accounts().isEmpty()) {
            return;
        }
        boolean signedIn = flow.attempt(context.newSession(), profile.accounts().get(0)).succeeded();
        findings.note(signedIn ? "signed in once with accounts[0] to reset its failed sign-in count"
                : "the sign-in with accounts[0] after the weak passwords did not succeed; its failed sign-in count "
                        + "may not be reset");
    }
}
