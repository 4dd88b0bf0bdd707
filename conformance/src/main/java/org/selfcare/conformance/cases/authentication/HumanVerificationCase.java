package org.selfcare.conformance.cases.authentication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * T-5-6: the sign-in page carries a human-verification challenge (a CAPTCHA), and the server enforces it.
 *
 * <p>The case looks on the sign-in page for a CAPTCHA image, canvas or audio element, a common widget
 * (reCAPTCHA, hCaptcha, Turnstile, Friendly Captcha, GeeTest, Arkose) or an input named like the profile's
 * {@code captcha.field}. It then signs in with {@code accounts[0]}'s right password without an answer and with a
 * wrong answer, both of which must be refused, and finally with the profile's {@code captcha.test-key}, which
 * must succeed. That last sign-in shows that the refusals came from the challenge and not from a locked account,
 * and resets the account's failure count.
 */
final class HumanVerificationCase implements TestCase {

    static final String WRONG_ANSWER = "x1470-wrong-answer";

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-5-6");

    private static final Pattern ELEMENT = Pattern.compile("(?is)<(img|canvas|audio|input|div|iframe|script)\\b[^>]*>");

    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

    private static final Map<String, String> WIDGETS = new LinkedHashMap<>();

    static {
        WIDGETS.put("g-recaptcha", "a reCAPTCHA widget");
        WIDGETS.put("recaptcha/api.js", "a reCAPTCHA widget");
        WIDGETS.put("h-captcha", "an hCaptcha widget");
        WIDGETS.put("hcaptcha.com", "an hCaptcha widget");
        WIDGETS.put("cf-turnstile", "a Cloudflare Turnstile widget");
        WIDGETS.put("challenges.cloudflare.com/turnstile", "a Cloudflare Turnstile widget");
        WIDGETS.put("frc-captcha", "a Friendly Captcha widget");
        WIDGETS.put("geetest", "a GeeTest widget");
        WIDGETS.put("arkoselabs", "an Arkose Labs widget");
        WIDGETS.put("funcaptcha", "an Arkose Labs widget");
    }

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        Findings findings = new Findings();
        ProbeSession session = context.newSession();
        ProbeResponse page = session.get(context.profile().signIn().page());
        if (!page.answered()) {
            findings.inconclusive("the sign-in page " + context.profile().signIn().page() + " got no response: "
                    + page.error().orElse("unknown error"));
            return context.result(DESCRIPTION, findings, "");
        }

        Challenge challenge = findChallenge(page.body(), context.profile());
        if (challenge.kinds().isEmpty()) {
            findings.fail("the sign-in page carries no human-verification challenge: no CAPTCHA image, canvas, "
                    + "audio, widget or answer field"
                    + context.profile().captcha().map((captcha) -> " named " + captcha.field()).orElse(""));
        }
        else {
            findings.pass("the sign-in page carries " + String.join(", ", challenge.kinds()));
            challenge.imageSource().ifPresent((source) -> checkImage(session, source, findings));
        }

        if (context.profile().accounts().isEmpty()) {
            findings.inconclusive("the profile lists no account, so the kit could not check that the challenge is "
                    + "enforced; add a test account under accounts");
        }
        else {
            checkEnforced(context, context.profile().accounts().get(0), challenge, findings);
        }
        return context.result(DESCRIPTION, findings, "the sign-in page carries a challenge and a sign-in without "
                + "its answer is refused");
    }

    private static void checkEnforced(CaseContext context, TargetProfile.Account account, Challenge challenge,
            Findings findings) {
        SignInFlow flow = context.signIn();
        ProbeSession withoutAnswer = context.newSession();
        SignInAttempt unanswered = flow.attempt(withoutAnswer, account.username(), account.password(), false);
        if (LockoutCase.rejected(flow, withoutAnswer, unanswered)) {
            findings.pass("a sign-in with the right password but without the challenge's answer was refused");
        }
        else if (unanswered.response().answered()) {
            findings.fail("sign-in succeeded without answering the challenge");
        }
        else {
            findings.inconclusive("the sign-in without an answer got no response: "
                    + unanswered.response().error().orElse("unknown error"));
        }

        // A wrong answer is a second failure on the account, so it is sent only while that leaves it unlocked.
        Optional<String> field = context.profile().captcha().map(TargetProfile.Captcha::field)
                .or(challenge::answerField);
        if (field.isPresent() && context.profile().lockout().maxFailures() > 2) {
            ProbeSession wrongAnswer = context.newSession();
            SignInAttempt wrong = flow.attempt(wrongAnswer, account.username(), account.password(),
                    Map.of(field.get(), WRONG_ANSWER));
            if (LockoutCase.rejected(flow, wrongAnswer, wrong)) {
                findings.pass("a sign-in with a wrong answer in " + field.get() + " was refused");
            }
            else if (wrong.response().answered()) {
                findings.fail("sign-in succeeded with a wrong answer to the challenge in " + field.get()
                        + ", so the answer is not checked");
            }
        }

        if (context.profile().captcha().isEmpty()) {
            findings.note("the profile gives no captcha.test-key, so the kit could not confirm that "
                    + account.username() + " was usable; a locked account would also explain the refusals");
            return;
        }
        ProbeSession withKey = context.newSession();
        SignInAttempt keyed = flow.attempt(withKey, account.username(), account.password(), true);
        if (keyed.succeeded() && flow.isSignedIn(withKey)) {
            findings.pass("a sign-in with the profile's captcha.test-key succeeded, so the account was usable and "
                    + "any refusal above came from the challenge");
        }
        else {
            findings.inconclusive("a sign-in with the profile's captcha.test-key was refused (" + keyed.result()
                    + ", status " + keyed.response().status() + "); check captcha.field and captcha.test-key, and "
                    + "that T-5-2 has not locked " + account.username());
        }
    }

    private static void checkImage(ProbeSession session, String source, Findings findings) {
        ProbeResponse image = session.get(source);
        String type = image.header("content-type").orElse("");
        if (image.status() < 200 || image.status() >= 300 || !type.startsWith("image/")) {
            findings.note("the CAPTCHA image " + source + " did not load as an image (status " + image.status()
                    + ", type '" + type + "')");
        }
    }

    /**
     * What the page offers as a challenge.
     *
     * @param kinds descriptions of each challenge element found, such as "a CAPTCHA image"
     * @param imageSource the {@code src} of a CAPTCHA image on the target, if any
     * @param answerField the name of an input that looks like the answer field, if any
     */
    record Challenge(List<String> kinds, Optional<String> imageSource, Optional<String> answerField) {
    }

    static Challenge findChallenge(String body, TargetProfile profile) {
        List<String> kinds = new ArrayList<>();
        Optional<String> imageSource = Optional.empty();
        Optional<String> answerField = Optional.empty();
        Optional<String> configuredField = profile.captcha().map(TargetProfile.Captcha::field);

        Matcher element = ELEMENT.matcher(body);
        while (element.find()) {
            String tag = element.group(1).toLowerCase(java.util.Locale.ROOT);
            Map<String, String> attributes = attributes(element.group());
            String text = String.join(" ", attributes.values()).toLowerCase(java.util.Locale.ROOT);
            for (Map.Entry<String, String> widget : WIDGETS.entrySet()) {
                if (text.contains(widget.getKey())) {
                    add(kinds, widget.getValue());
                }
            }
            boolean namedCaptcha = text.contains("captcha");
            switch (tag) {
                case "img" -> {
                    if (namedCaptcha) {
                        add(kinds, "a CAPTCHA image");
                        if (imageSource.isEmpty() && attributes.containsKey("src")
                                && !attributes.get("src").startsWith("data:")) {
                            imageSource = Optional.of(attributes.get("src"));
                        }
                    }
                }
                case "canvas" -> {
                    if (namedCaptcha) {
                        add(kinds, "a CAPTCHA canvas");
                    }
                }
                case "audio" -> {
                    if (namedCaptcha) {
                        add(kinds, "an audio CAPTCHA");
                    }
                }
                case "input" -> {
                    String name = attributes.getOrDefault("name", "");
                    boolean configured = configuredField.isPresent() && configuredField.get().equals(name);
                    boolean hidden = "hidden".equalsIgnoreCase(attributes.getOrDefault("type", ""));
                    if (!hidden && (configured || name.toLowerCase(java.util.Locale.ROOT).contains("captcha"))) {
                        add(kinds, "a CAPTCHA answer field named " + name);
                        answerField = answerField.or(() -> Optional.of(name));
                    }
                }
                default -> {
                    // Widgets on div, iframe and script elements are matched above.
                }
            }
        }
        return new Challenge(kinds, imageSource, answerField);
    }

    private static Map<String, String> attributes(String element) {
        Map<String, String> attributes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Matcher attribute = ATTRIBUTE.matcher(element);
        while (attribute.find()) {
            attributes.put(attribute.group(1), attribute.group(2) != null ? attribute.group(2) : attribute.group(3));
        }
        return attributes;
    }

    private static void add(List<String> kinds, String kind) {
        if (!kinds.contains(kind)) {
            kinds.add(kind);
        }
    }
}
