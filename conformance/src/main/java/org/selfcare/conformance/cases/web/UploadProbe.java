package org.selfcare.conformance.cases.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.http.ProbeSession.FilePart;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.profile.SignInFlow;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * Uploads files that lie about their type through the profile's upload form, signed in as the first account:
 * an HTML page with a script named {@code .jpg}, and the EICAR anti-virus test file named {@code .txt}. Fails
 * when the site serves the HTML back as {@code text/html}, or serves the EICAR file back unchanged, which shows
 * that uploads are not scanned for malware. Also sends a script marker in the file name and the form's text
 * fields and fails when the response renders it unencoded.
 */
final class UploadProbe {

    /** The EICAR test string, split so that scanners do not flag this class file. */
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private final CaseContext context;

    private final Findings findings;

    private final SignInFlow flow;

    private final List<String> uploaded = new ArrayList<>();

    UploadProbe(CaseContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
        this.flow = context.signIn();
    }

    void run() {
        Optional<TargetProfile.Upload> upload = context.profile().upload();
        if (upload.isEmpty()) {
            findings.note("file upload was not probed: the profile names no upload form; add upload.page and "
                    + "upload.field to probe one");
            return;
        }
        if (context.profile().accounts().isEmpty()) {
            findings.inconclusive("the upload form needs a signed-in session: add a test account under accounts");
            return;
        }
        ProbeSession session = context.newSession();
        if (!flow.attempt(session, context.profile().accounts().get(0)).succeeded() && !flow.isSignedIn(session)) {
            findings.inconclusive("the kit could not sign in with accounts[0] to reach the upload form; check the "
                    + "account and the sign-in rules in the profile");
            return;
        }

        String stem = "x1470-" + WebPages.nonce();
        byte[] html = ("<!DOCTYPE html><html><body><script>document.title='" + stem + "'</script>" + stem
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
        checkDisguisedHtml(session, upload.get(), new FilePart(upload.get().field(), stem + ".jpg", "image/jpeg",
                html), stem);

        String eicarStem = "x1470-" + WebPages.nonce();
        checkEicar(session, upload.get(), new FilePart(upload.get().field(), eicarStem + ".txt", "text/plain",
                EICAR.getBytes(StandardCharsets.US_ASCII)), eicarStem);

        checkFileNameEcho(session, upload.get());
        findings.note("the kit uploaded " + uploaded + " as accounts[0]; delete them from the target if it kept them");
    }

    private void checkDisguisedHtml(ProbeSession session, TargetProfile.Upload upload, FilePart file, String stem) {
        Optional<ProbeResponse> stored = uploadAndFetch(session, upload, file, stem, "an HTML page named .jpg");
        if (stored.isEmpty()) {
            return;
        }
        ProbeResponse served = stored.get();
        String type = served.header("content-type").orElse("");
        boolean sniffable = type.isEmpty() && !served.header("x-content-type-options").orElse("").equalsIgnoreCase(
                "nosniff");
        if (type.toLowerCase(Locale.ROOT).contains("text/html") || sniffable) {
            findings.fail("file upload: " + upload.action() + " accepted an HTML page named " + file.fileName()
                    + " and serves it back from " + served.uri().getPath() + " as "
                    + (type.isEmpty() ? "an untyped response that browsers sniff as HTML" : type)
                    + ", so an uploaded script runs in the site's origin");
        }
        else {
            findings.pass("the HTML page uploaded as " + file.fileName() + " is served as " + type + ", not as HTML");
        }
    }

    private void checkEicar(ProbeSession session, TargetProfile.Upload upload, FilePart file, String stem) {
        Optional<ProbeResponse> stored = uploadAndFetch(session, upload, file, stem, "the EICAR test file");
        if (stored.isEmpty()) {
            return;
        }
        if (stored.get().body().contains(EICAR)) {
            findings.fail("file upload: " + upload.action() + " stored the EICAR anti-virus test file and serves it "
                    + "back unchanged from " + stored.get().uri().getPath() + ", so uploads are not scanned for malware");
        }
        else {
            findings.pass("the EICAR test file is not served back from " + stored.get().uri().getPath() + " (status "
                    + stored.get().status() + ")");
        }
    }

    /**
     * Uploads a file and, when the target accepted it and links to the stored copy, fetches that copy. Records
     * a PASS for a rejection and a NOTE when the copy cannot be found.
     */
    private Optional<ProbeResponse> uploadAndFetch(ProbeSession session, TargetProfile.Upload upload, FilePart file,
            String stem, String what) {
        ProbeResponse response = session.postMultipart(upload.action(), formFields(session, upload, "x1470"), file);
        uploaded.add(file.fileName());
        if (!response.answered()) {
            findings.note("the upload of " + what + " got no response: " + response.error().orElse("unknown error"));
            return Optional.empty();
        }
        if (response.status() >= 400) {
            findings.pass(upload.action() + " rejected " + what + " (status " + response.status() + ")");
            return Optional.empty();
        }
        List<ProbeResponse> answers = new ArrayList<>(List.of(response));
        WebPages.followRedirect(session, response).ifPresent(answers::add);
        for (ProbeResponse answer : answers) {
            Optional<URI> link = linkTo(session, answer, stem);
            if (link.isPresent()) {
                return Optional.of(session.get(link.get().toString()));
            }
        }
        findings.note(upload.action() + " answered " + what + " with status " + response.status() + " and the kit "
                + "found no link to a stored copy; a person must check whether and how it is stored and served");
        return Optional.empty();
    }

    private void checkFileNameEcho(ProbeSession session, TargetProfile.Upload upload) {
        String id = "x1470" + WebPages.nonce().substring(0, 4) + "u01";
        // A double quote would end the multipart file name, so the file name part leaves it out.
        FilePart file = new FilePart(upload.field(), id + "'><svg onload=alert(1)>.txt", "text/plain",
                "x1470 upload probe".getBytes(StandardCharsets.US_ASCII));
        ProbeResponse response = session.postMultipart(upload.action(),
                formFields(session, upload, id + CrossSiteScriptingProbe.PAYLOAD), file);
        uploaded.add(file.fileName());
        List<ProbeResponse> answers = new ArrayList<>(List.of(response));
        WebPages.followRedirect(session, response).ifPresent(answers::add);
        Pattern unencoded = Pattern.compile(Pattern.quote(id) + "[^<]{0,20}<svg onload=alert\\(1\\)>");
        boolean echoed = answers.stream().anyMatch((answer) -> WebPages.isHtml(answer)
                && unencoded.matcher(answer.body()).find());
        if (echoed) {
            findings.fail("cross-site scripting: the upload form at " + upload.action() + " echoes the file name or "
                    + "a text field into HTML without encoding");
        }
        else {
            findings.pass("the upload form does not echo a script marker in the file name or text fields unencoded");
        }
    }

    /**
     * Returns the upload form's fields to send with the file: hidden fields such as a CSRF token as they are,
     * and {@code text} in every field a user types into.
     */
    private static Map<String, String> formFields(ProbeSession session, TargetProfile.Upload upload, String text) {
        ProbeResponse page = session.get(upload.page());
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<HtmlForms.Form> form = HtmlForms.withField(page.body(), upload.field());
        if (form.isEmpty()) {
            fields.putAll(session.hiddenFields(page));
            return fields;
        }
        for (HtmlForms.Field field : form.get().fields()) {
            if (field.name().equals(upload.field()) || "file".equals(field.type())) {
                continue;
            }
            fields.put(field.name(), (field.isHidden() || !field.takesText()) ? field.value() : text);
        }
        return fields;
    }

    /**
     * Finds a link to the stored file in a Location header, an href or src attribute, or a JSON member, by the
     * unique stem of its name.
     */
    private static Optional<URI> linkTo(ProbeSession session, ProbeResponse response, String stem) {
        List<String> candidates = new ArrayList<>();
        response.header("location").filter((location) -> location.contains(stem)).ifPresent(candidates::add);
        Matcher link = Pattern.compile("(?:href|src)\\s*=\\s*[\"']([^\"']*" + Pattern.quote(stem) + "[^\"']*)[\"']"
                + "|\"(?:url|href|location|path|link)\"\\s*:\\s*\"([^\"]*" + Pattern.quote(stem) + "[^\"]*)\"",
                Pattern.CASE_INSENSITIVE).matcher(response.body());
        while (link.find()) {
            candidates.add(link.group(1) != null ? link.group(1) : link.group(2));
        }
        return candidates.stream().map((candidate) -> WebPages.onTarget(session, candidate.replace("&amp;", "&")))
                .flatMap(Optional::stream).findFirst();
    }
}
