package org.selfcare.conformance.cases.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * Sends a script-bearing marker in every field of the sign-in form and in the sign-in page's query parameters,
 * and fails when a response renders it as HTML without encoding. Also checks that HTML pages carry a
 * Content-Security-Policy that stops inline scripts, the second line of defence when encoding is missed.
 */
final class CrossSiteScriptingProbe {

    /** The part of the marker that breaks out of an attribute and starts a script. */
    static final String PAYLOAD = "\"'><svg onload=alert(1)>";

    /** Parameter names that sign-in pages commonly repeat in the page, such as a return address. */
    private static final List<String> COMMON_PARAMETERS = List.of("next", "redirect", "returnUrl", "error",
            "message", "q");

    private final CaseContext context;

    private final Findings findings;

    private final String run = WebPages.nonce().substring(0, 4);

    CrossSiteScriptingProbe(CaseContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
    }

    void run() {
        TargetProfile.SignIn signIn = context.profile().signIn();
        ProbeSession session = context.newSession();
        ProbeResponse page = session.get(signIn.page());
        if (!page.answered() || page.status() >= 400) {
            findings.inconclusive("the sign-in page " + signIn.page() + " returned "
                    + (page.answered() ? "status " + page.status() : page.error().orElse("no response"))
                    + ", so the cross-site scripting probe could not run; check sign-in.page in the profile");
            return;
        }
        checkPolicy(signIn.page(), page);
        ProbeResponse home = session.get("/");
        if (home.status() == 200 && WebPages.isHtml(home)) {
            checkPolicy("/", home);
        }

        Optional<HtmlForms.Form> form = HtmlForms.withField(page.body(), signIn.passwordField());
        probeQuery(session, signIn, form);
        probeForm(session, signIn, page, form);
    }

    private void probeQuery(ProbeSession session, TargetProfile.SignIn signIn, Optional<HtmlForms.Form> form) {
        Set<String> names = new LinkedHashSet<>();
        form.ifPresent((found) -> found.fields().stream().filter(HtmlForms.Field::takesText)
                .filter((field) -> !field.isToken()).forEach((field) -> names.add(field.name())));
        names.add(signIn.usernameField());
        names.addAll(COMMON_PARAMETERS);

        Map<String, String> markers = new LinkedHashMap<>();
        String query = names.stream()
                .map((name) -> encode(name) + "=" + encode(marker(markers, name)))
                .collect(Collectors.joining("&"));
        String path = signIn.page() + (signIn.page().contains("?") ? "&" : "?") + query;
        ProbeResponse response = session.get(path);
        check("the sign-in page " + signIn.page(), "query parameter", List.of(response), markers);
    }

    private void probeForm(ProbeSession session, TargetProfile.SignIn signIn, ProbeResponse page,
            Optional<HtmlForms.Form> form) {
        Map<String, String> markers = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<TargetProfile.Captcha> captcha = context.profile().captcha();
        for (HtmlForms.Field field : form.map(HtmlForms.Form::fields).orElse(List.of())) {
            if (captcha.isPresent() && captcha.get().field().equals(field.name())) {
                fields.put(field.name(), captcha.get().testKey());
            }
            else if (field.isToken() || !field.takesText()) {
                fields.put(field.name(), field.value());
            }
            else {
                fields.put(field.name(), marker(markers, field.name()));
            }
        }
        if (form.isEmpty()) {
            fields.putAll(session.hiddenFields(page));
        }
        for (String name : List.of(signIn.usernameField(), signIn.passwordField())) {
            if (!markers.containsValue(name)) {
                fields.put(name, marker(markers, name));
            }
        }
        captcha.ifPresent((found) -> fields.put(found.field(), found.testKey()));

        ProbeResponse response = session.postForm(signIn.action(), fields);
        List<ProbeResponse> responses = new ArrayList<>(List.of(response));
        WebPages.followRedirect(session, response).ifPresent(responses::add);
        check("the sign-in form posted to " + signIn.action(), "field", responses, markers);
    }

    /**
     * Records a FAIL for each marker that a response renders unencoded, or a PASS when none does.
     */
    private void check(String where, String kind, List<ProbeResponse> responses, Map<String, String> markers) {
        Set<String> reflected = new LinkedHashSet<>();
        for (ProbeResponse response : responses) {
            if (!WebPages.isHtml(response)) {
                continue;
            }
            markers.forEach((id, name) -> {
                if (unencoded(id).matcher(response.body()).find()) {
                    reflected.add(name);
                }
            });
        }
        for (String name : reflected) {
            findings.fail("cross-site scripting: " + where + " echoes " + kind + " '" + name + "' into HTML without "
                    + "encoding, so the injected <svg onload=alert(1)> would run");
        }
        if (reflected.isEmpty()) {
            findings.pass(where + " echoes no script marker unencoded (" + kind + "s " + markers.values() + ")");
        }
    }

    private void checkPolicy(String path, ProbeResponse page) {
        List<String> policies = new ArrayList<>();
        for (String header : page.headerValues("content-security-policy")) {
            for (String policy : header.split(",")) {
                if (!policy.isBlank()) {
                    policies.add(policy.strip());
                }
            }
        }
        if (policies.isEmpty()) {
            findings.fail("the HTML page " + path + " has no Content-Security-Policy header, so nothing stops an "
                    + "injected inline script");
            return;
        }
        String problem = null;
        for (String policy : policies) {
            Optional<String> scripts = scriptSources(policy);
            if (scripts.isEmpty()) {
                problem = "its Content-Security-Policy has neither script-src nor default-src, so it allows any script";
                continue;
            }
            boolean unsafeInline = scripts.get().contains("'unsafe-inline'");
            boolean nonceOrHash = Pattern.compile("'(nonce|sha256|sha384|sha512)-").matcher(scripts.get()).find();
            if (!unsafeInline || nonceOrHash) {
                if (unsafeInline) {
                    findings.note(path + ": 'unsafe-inline' is listed with a nonce or hash, which browsers since "
                            + "CSP level 2 ignore");
                }
                findings.pass(path + " has a Content-Security-Policy that blocks inline scripts: " + scripts.get());
                return;
            }
            problem = "its Content-Security-Policy allows 'unsafe-inline' scripts (" + scripts.get() + ")";
        }
        findings.fail("the HTML page " + path + ": " + problem);
    }

    /**
     * Returns the directive that governs scripts in one policy: script-src, or default-src when that is absent.
     */
    private static Optional<String> scriptSources(String policy) {
        String fallback = null;
        for (String directive : policy.split(";")) {
            String trimmed = directive.strip();
            String name = trimmed.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if ("script-src".equals(name)) {
                return Optional.of(trimmed);
            }
            if ("default-src".equals(name)) {
                fallback = trimmed;
            }
        }
        return Optional.ofNullable(fallback);
    }

    /**
     * Adds a marker for one field and returns it. Each marker starts with a unique id, zero-padded so that no id
     * is the start of another.
     */
    private String marker(Map<String, String> markers, String name) {
        String id = String.format("x1470%sk%02d", run, markers.size() + 1);
        markers.put(id, name);
        return id + PAYLOAD;
    }

    /**
     * Matches the marker's script tag after its id, even when the quotes before it were encoded: only the
     * angle brackets decide whether the tag is parsed as HTML.
     */
    private static Pattern unencoded(String id) {
        return Pattern.compile(Pattern.quote(id) + "[^<]{0,20}<svg onload=alert\\(1\\)>");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
