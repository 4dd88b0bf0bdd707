package org.selfcare.conformance.cases.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.profile.SignInAttempt;
import org.selfcare.conformance.profile.SignInFlow;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * Checks that the sign-in form and the other POST forms on the pages the probe fetches are protected against cross-site request
 * forgery. A form must carry an anti-CSRF token that the server checks, or every cookie the site sets must be
 * SameSite=Strict or Lax. The probe forges a sign-in as another site would: without the form's hidden fields
 * and with that site's {@code Origin}. SameSite is read from the header only, because browsers differ in what
 * they assume when it is missing.
 */
final class CsrfProbe {

    /** Origin the forged post claims. Only a header value: no request goes to this host. */
    static final String FOREIGN_ORIGIN = "https://attacker.example";

    private static final Pattern SAME_SITE = Pattern.compile(";\\s*SameSite\\s*=\\s*(Strict|Lax)\\b",
            Pattern.CASE_INSENSITIVE);

    private final CaseContext context;

    private final Findings findings;

    private final SignInFlow flow;

    CsrfProbe(CaseContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
        this.flow = context.signIn();
    }

    void run() {
        TargetProfile profile = context.profile();
        TargetProfile.SignIn signIn = profile.signIn();
        ProbeSession visitor = context.newSession();
        ProbeResponse page = visitor.get(signIn.page());
        if (!page.answered() || page.status() >= 400) {
            findings.inconclusive("the sign-in page " + signIn.page() + " returned "
                    + (page.answered() ? "status " + page.status() : page.error().orElse("no response"))
                    + ", so the CSRF probe could not run; check sign-in.page in the profile");
            return;
        }
        List<String> cookies = new ArrayList<>(page.headerValues("set-cookie"));
        Map<String, ProbeResponse> pages = new LinkedHashMap<>();
        pages.put(signIn.page(), page);
        pages.put("/", visitor.get("/"));

        Optional<TargetProfile.Account> account = profile.accounts().stream().findFirst();
        if (account.isPresent()) {
            ProbeSession member = context.newSession();
            SignInAttempt attempt = flow.attempt(member, account.get());
            cookies.addAll(attempt.formPage().headerValues("set-cookie"));
            cookies.addAll(attempt.response().headerValues("set-cookie"));
            if (attempt.succeeded() || flow.isSignedIn(member)) {
                profile.upload().ifPresent((upload) -> pages.put(upload.page(), member.get(upload.page())));
                pages.put(profile.protectedPath(), member.get(profile.protectedPath()));
            }
        }
        boolean sameSite = !cookies.isEmpty() && cookies.stream().allMatch((cookie) -> SAME_SITE.matcher(cookie).find());

        Optional<HtmlForms.Form> form = HtmlForms.withField(page.body(), signIn.passwordField());
        List<String> tokens = form.map((found) -> found.tokenFields().stream().map(HtmlForms.Field::name).toList())
                .orElse(List.of());
        checkSignInForm(signIn, tokens, account, sameSite);
        checkOtherForms(pages, signIn, sameSite);
    }

    private void checkSignInForm(TargetProfile.SignIn signIn, List<String> tokens,
            Optional<TargetProfile.Account> account, boolean sameSite) {
        if (tokens.isEmpty()) {
            if (sameSite) {
                findings.pass("the sign-in form carries no anti-CSRF token, but every cookie the site set is "
                        + "SameSite=Strict or Lax");
            }
            else {
                findings.fail("CSRF: the sign-in form at " + signIn.page() + " carries no anti-CSRF token and the "
                        + "site's cookies are not all SameSite=Strict or Lax");
            }
            return;
        }
        if (account.isEmpty()) {
            findings.inconclusive("the sign-in form carries the token field " + tokens + ", but checking that the "
                    + "server rejects a post without it needs a test account: add one under accounts");
            return;
        }

        ProbeSession forged = context.newSession();
        forged.get(signIn.page());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(signIn.usernameField(), account.get().username());
        fields.put(signIn.passwordField(), account.get().password());
        context.profile().captcha().ifPresent((captcha) -> fields.put(captcha.field(), captcha.testKey()));
        ProbeResponse response = forged.postForm(signIn.action(), fields, Map.of("Origin", FOREIGN_ORIGIN));
        if (WebPages.signedIn(flow, forged, response)) {
            findings.fail("CSRF: the sign-in form accepted a post without its token field " + tokens
                    + " and with Origin " + FOREIGN_ORIGIN + ", so the server does not check the token");
        }
        else {
            findings.pass("the sign-in form rejected a post without its token field " + tokens + " and with Origin "
                    + FOREIGN_ORIGIN + " (status " + response.status() + ")");
        }
    }

    private void checkOtherForms(Map<String, ProbeResponse> pages, TargetProfile.SignIn signIn, boolean sameSite) {
        ProbeSession resolver = context.newSession();
        for (Map.Entry<String, ProbeResponse> page : pages.entrySet()) {
            if (!WebPages.isHtml(page.getValue())) {
                continue;
            }
            for (HtmlForms.Form form : HtmlForms.parse(page.getValue().body())) {
                String action = form.action().isEmpty() ? page.getKey() : form.action();
                boolean signInForm = form.hasField(signIn.passwordField()) && form.hasField(signIn.usernameField());
                if (!form.isPost() || signInForm || WebPages.onTarget(resolver, action).isEmpty()) {
                    continue;
                }
                if (!form.tokenFields().isEmpty()) {
                    findings.pass("the form posting to " + action + " on " + page.getKey() + " carries the token "
                            + "field " + form.tokenFields().get(0).name());
                }
                else if (sameSite) {
                    findings.pass("the form posting to " + action + " on " + page.getKey() + " carries no anti-CSRF "
                            + "token, but every cookie the site set is SameSite=Strict or Lax");
                }
                else {
                    findings.fail("CSRF: the form posting to " + action + " on " + page.getKey() + " carries no "
                            + "anti-CSRF token and the site's cookies are not all SameSite=Strict or Lax");
                }
            }
        }
    }
}
