package org.selfcare.conformance.cases.subscriber;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.authentication.PasswordComplexityCase;
import org.selfcare.conformance.cases.subscriber.FreshSubscribers.Creation;
import org.selfcare.conformance.http.CsrfMeta;
import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.inbox.SmsInbox;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.profile.SignInAttempt;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.sandbox.smsc.ReceivedSms;

/**
 * Creates fresh subscribers through Selfcare's operator API and takes them through their first sign-in, so a
 * case can buy, subscribe and trip the monitoring with a subscriber of its own. Each one stays in the
 * deployment, with a random password the kit does not keep.
 */
public final class TestSubscribers {

    static final String FIRST_SIGN_IN_PAGE = "/first-sign-in";

    static final String VERIFY_PATH = "/api/v1/first-sign-in/verify";

    static final String CODE_PATH = "/api/v1/first-sign-in/code";

    static final String PASSWORD_PATH = "/api/v1/first-sign-in/password";

    /** The page whose {@code _csrf} meta element the signed-in subscriber's API requests carry. */
    static final String TOKEN_PAGE = "/";

    private static final SecureRandom random = new SecureRandom();

    private TestSubscribers() {
    }

    /**
     * Returns why fresh subscribers cannot be made with this profile, or empty when they can.
     */
    public static Optional<String> missingSections(TargetProfile profile) {
        if (profile.provisioning().isEmpty()) {
            return Optional.of("the profile has no provisioning: section, so the kit cannot create fresh "
                    + "subscribers; add provisioning: with url, token-file, region, first-number and last-number");
        }
        if (profile.sms().isEmpty()) {
            return Optional.of(SmsCodes.missingSmsSection("the provisioning SMS of a fresh subscriber"));
        }
        return Optional.empty();
    }

    /**
     * Creates a subscriber through the operator API and reads the initial and service passwords from the SMS
     * that provisioning sends. Returns empty with an INCONCLUSIVE finding that names what to fix.
     */
    public static Optional<Provisioned> provision(CaseContext context, TargetProfile.Provisioning settings,
            SmsInbox inbox, Findings findings) {
        ProbeSession operator = context.newSession();
        Creation creation = new FreshSubscribers(settings).create(operator);
        if (!creation.created()) {
            findings.inconclusive("the operator API did not create a subscriber (POST " + settings.url()
                    .resolve(FreshSubscribers.SUBSCRIBERS_PATH) + " returned " + describe(creation.response()) + ")"
                    + hint(creation.response()));
            return Optional.empty();
        }
        String number = creation.number();
        findings.note("created the test subscriber " + creation.storedNumber() + "; it stays in the deployment");

        Optional<ReceivedSms> message = inbox.awaitNew(number, 0);
        if (message.isEmpty()) {
            findings.inconclusive("no SMS to " + creation.storedNumber() + " arrived at the kit's SMSC within "
                    + inbox.waitTime() + "; check that the deployment sends SMS to the kit's SMSC");
            return Optional.empty();
        }
        Optional<String> password = inbox.initialPassword(message.get());
        Optional<String> servicePassword = inbox.servicePassword(message.get());
        context.evidence().note(inbox.describe(message.get()));
        if (password.isEmpty()) {
            findings.inconclusive("the SMS to " + creation.storedNumber() + " held no password that "
                    + "sms.initial-password-pattern matches; set it to a regular expression whose first group is "
                    + "the password");
            return Optional.empty();
        }
        findings.pass("the initial password arrived by SMS at the kit's SMSC");
        return Optional.of(new Provisioned(number, creation.storedNumber(), password.get(), servicePassword,
                creation.identityDocumentDigits(), settings.contactEmail()));
    }

    /**
     * Creates a subscriber, completes its first sign-in with the identity data the kit provisioned it with (or
     * an SMS code, when the target takes no identity data), sets a strong password and signs in anew. Returns
     * empty with an INCONCLUSIVE finding that names what failed.
     */
    public static Optional<TestSubscriber> open(CaseContext context, Findings findings) {
        TargetProfile profile = context.profile();
        Optional<String> missing = missingSections(profile);
        if (missing.isPresent()) {
            findings.inconclusive(missing.get());
            return Optional.empty();
        }
        SmsInbox inbox = context.sms().get();
        Optional<Provisioned> created = provision(context, profile.provisioning().get(), inbox, findings);
        if (created.isEmpty()) {
            return Optional.empty();
        }
        Provisioned provisioned = created.get();

        Optional<String> password = completeFirstSignIn(context, provisioned, inbox, findings);
        if (password.isEmpty()) {
            return Optional.empty();
        }
        ProbeSession session = context.newSession();
        SignInAttempt signIn = context.signIn().attempt(session, provisioned.number(), password.get(), true);
        Optional<Map<String, String>> csrf = signIn.succeeded() ? CsrfMeta.header(session, TOKEN_PAGE)
                : Optional.empty();
        if (csrf.isEmpty()) {
            findings.inconclusive("the fresh subscriber " + provisioned.storedNumber() + " could not sign in with "
                    + "its new password (" + signIn.result() + ", status " + signIn.response().status() + ")");
            return Optional.empty();
        }
        return Optional.of(new TestSubscriber(provisioned, session, csrf.get()));
    }

    /**
     * Credits {@code amount} to a fresh subscriber's balance through the operator API. Returns whether the
     * target took it, and otherwise records an INCONCLUSIVE finding.
     */
    public static boolean credit(CaseContext context, TestSubscriber subscriber, Money amount, Findings findings) {
        OperatorApi operator = new OperatorApi(context.newSession(), context.profile().provisioning().get());
        ProbeResponse topUp = operator.credit(subscriber.storedNumber(), amount);
        if (topUp.status() != 201 && topUp.status() != 200) {
            findings.inconclusive("the operator API did not credit " + amount + " to " + subscriber.storedNumber()
                    + " (POST " + FreshSubscribers.SUBSCRIBERS_PATH + "/{msisdn}/payments returned "
                    + describe(topUp) + ")");
            return false;
        }
        findings.note("credited " + amount + " to " + subscriber.storedNumber() + " through the operator API");
        return true;
    }

    /**
     * Signs in with the initial password, proves the identity and sets a strong random password. Returns that
     * password, or empty with an INCONCLUSIVE finding.
     */
    private static Optional<String> completeFirstSignIn(CaseContext context, Provisioned provisioned,
            SmsInbox inbox, Findings findings) {
        ProbeSession session = context.newSession();
        SignInAttempt signIn = context.signIn().attempt(session, provisioned.number(), provisioned.initialPassword(),
                true);
        Optional<Map<String, String>> csrf = signIn.succeeded() ? CsrfMeta.header(session, FIRST_SIGN_IN_PAGE)
                : Optional.empty();
        if (csrf.isEmpty()) {
            findings.inconclusive("the first sign-in of " + provisioned.storedNumber() + " with the initial password "
                    + "did not reach " + FIRST_SIGN_IN_PAGE + " (" + signIn.result() + ", status "
                    + signIn.response().status() + "); check sms.initial-password-pattern");
            return Optional.empty();
        }
        if (!verifyIdentity(context, session, csrf.get(), provisioned, inbox, findings)) {
            return Optional.empty();
        }
        String password = PasswordComplexityCase.strongPasswordFrom(random);
        context.redactor().addSecret(password);
        ProbeResponse changed = session.postJson(PASSWORD_PATH, csrf.get(),
                JsonBody.write(Map.of("newPassword", password)));
        if (!isSuccess(changed)) {
            findings.inconclusive("the first sign-in of " + provisioned.storedNumber() + " refused a strong random "
                    + "password (" + describe(changed) + ")");
            return Optional.empty();
        }
        return Optional.of(password);
    }

    /**
     * Proves the identity with the identity document characters and contact e-mail the kit provisioned, which
     * needs no SMS code and so leaves the number's code limits for the case. A target that takes no identity
     * data gets an SMS code instead.
     */
    private static boolean verifyIdentity(CaseContext context, ProbeSession session, Map<String, String> csrf,
            Provisioned provisioned, SmsInbox inbox, Findings findings) {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("method", "identity-data");
        identity.put("identityDocumentDigits", provisioned.identityDocumentDigits());
        identity.put("contactEmail", provisioned.contactEmail());
        ProbeResponse verified = session.postJson(VERIFY_PATH, csrf, JsonBody.write(identity));
        if (isSuccess(verified)) {
            return true;
        }
        int seen = inbox.messagesTo(provisioned.number()).size();
        ProbeResponse sent = session.postJson(CODE_PATH, csrf, "");
        Optional<String> code = isSuccess(sent)
                ? SmsCodes.receive(context, inbox, provisioned.number(), seen, findings) : Optional.empty();
        if (code.isEmpty()) {
            findings.inconclusive("the first sign-in of " + provisioned.storedNumber() + " took neither the identity "
                    + "data (" + describe(verified) + ") nor offered an SMS code (" + describe(sent) + ")");
            return false;
        }
        ProbeResponse byCode = session.postJson(VERIFY_PATH, csrf,
                JsonBody.write(Map.of("method", "sms-code", "code", code.get())));
        if (!isSuccess(byCode)) {
            findings.inconclusive("the first sign-in of " + provisioned.storedNumber() + " refused the right SMS "
                    + "code (" + describe(byCode) + ")");
            return false;
        }
        return true;
    }

    private static String hint(ProbeResponse response) {
        return switch (response.status()) {
            case 401 -> "; check provisioning.token-file";
            case 400 -> "; check provisioning.region and the number range";
            case 409 -> "; every number tried exists already, so give provisioning a range of unused numbers";
            case 0 -> "; check provisioning.url and that the operator port is reachable from the kit";
            default -> "";
        };
    }

    static boolean isSuccess(ProbeResponse response) {
        return response.status() >= 200 && response.status() < 300;
    }

    /**
     * Returns the status and, when the body has one, the error code, such as {@code 403 step_up_required}.
     */
    public static String describe(ProbeResponse response) {
        if (!response.answered()) {
            return "no response (" + response.error().orElse("unknown error") + ")";
        }
        String code = JsonBody.text(response, "code");
        return "status " + response.status() + (code.isEmpty() ? "" : " " + code);
    }
}
