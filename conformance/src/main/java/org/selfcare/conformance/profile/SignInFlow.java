package org.selfcare.conformance.profile;

import java.util.LinkedHashMap;
import java.util.Map;

import org.selfcare.conformance.http.CsrfMeta;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.profile.TargetProfile.Outcome;

/**
 * Signs in through the target's HTML form as a browser would. It loads the form page, then posts its hidden
 * inputs (a CSRF token) with the credentials and, when the profile gives one, the CAPTCHA test key. The
 * profile's rules classify the response. After a successful Selfcare sign-in the session fetches its key and
 * signs its API requests from then on.
 */
public final class SignInFlow {

    private static final int MAX_REDIRECTS = 3;

    private final TargetProfile profile;

    public SignInFlow(TargetProfile profile) {
        this.profile = profile;
    }

    /**
     * Signs in with the given user name and password.
     *
     * @param withCaptcha whether to send the profile's CAPTCHA test key, when it has one
     */
    public SignInAttempt attempt(ProbeSession session, String username, String password, boolean withCaptcha) {
        Map<String, String> extraFields = new LinkedHashMap<>();
        if (withCaptcha) {
            profile.captcha().ifPresent((captcha) -> extraFields.put(captcha.field(), captcha.testKey()));
        }
        return attempt(session, username, password, extraFields);
    }

    /**
     * Signs in with the given user name and password and adds {@code extraFields} to the form post, such as a
     * wrong CAPTCHA answer. Extra fields replace hidden inputs of the same name.
     */
    public SignInAttempt attempt(ProbeSession session, String username, String password,
            Map<String, String> extraFields) {
        TargetProfile.SignIn form = profile.signIn();
        ProbeResponse page = session.get(form.page());
        if (!page.answered()) {
            return new SignInAttempt(SignInAttempt.Result.NO_RESPONSE, page, page);
        }

        Map<String, String> fields = new LinkedHashMap<>(session.hiddenFields(page));
        fields.put(form.usernameField(), username);
        fields.put(form.passwordField(), password);
        fields.putAll(extraFields);
        ProbeResponse response = session.postForm(form.action(), fields);
        SignInAttempt.Result result = classify(response);
        if (result == SignInAttempt.Result.SUCCEEDED && profile.type() == ProfileType.SELFCARE) {
            startSigning(session, response);
        }
        return new SignInAttempt(result, page, response);
    }

    /**
     * Fetches the new session's key, as Selfcare's pages do after sign-in. The CSRF token comes from the page
     * the sign-in redirected to (the overview, or the first sign-in), following at most {@value #MAX_REDIRECTS}
     * further redirects.
     */
    private static void startSigning(ProbeSession session, ProbeResponse signInResponse) {
        ProbeResponse page = signInResponse;
        for (int hop = 0; hop <= MAX_REDIRECTS && page.isRedirect(); hop++) {
            page = session.get(page.header("location").orElse("/"));
        }
        session.startSigning(CsrfMeta.fromPage(page).orElse(Map.of()));
    }

    public SignInAttempt attempt(ProbeSession session, TargetProfile.Account account) {
        return attempt(session, account.username(), account.password(), true);
    }

    /**
     * Returns whether the session is signed in, by reading the profile's protected path. A 2xx response means
     * signed in, and a 401, 403 or redirect means not.
     */
    public boolean isSignedIn(ProbeSession session) {
        ProbeResponse response = session.get(profile.protectedPath());
        return response.status() >= 200 && response.status() < 300;
    }

    /**
     * Reads the response to a sign-in post with the profile's success and failure rules.
     */
    public SignInAttempt.Result classify(ProbeResponse response) {
        if (!response.answered()) {
            return SignInAttempt.Result.NO_RESPONSE;
        }
        if (matches(profile.signIn().failure(), response)) {
            return SignInAttempt.Result.FAILED;
        }
        if (matches(profile.signIn().success(), response)) {
            return SignInAttempt.Result.SUCCEEDED;
        }
        return SignInAttempt.Result.UNRECOGNISED;
    }

    static boolean matches(Outcome rule, ProbeResponse response) {
        String location = response.header("location").orElse("");
        if (rule.status().isPresent() && rule.status().get() != response.status()) {
            return false;
        }
        if (rule.redirectContains().isPresent()
                && (!response.isRedirect() || !location.contains(rule.redirectContains().get()))) {
            return false;
        }
        if (rule.redirectNotContains().isPresent()
                && (!response.isRedirect() || location.contains(rule.redirectNotContains().get()))) {
            return false;
        }
        return rule.bodyContains().isEmpty() || response.body().contains(rule.bodyContains().get());
    }
}
