package org.selfcare.conformance.profile;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of a target: how to sign in, which accounts it may use, and what the deployment
 * promises (the lockout it configured, a CAPTCHA test key). Read from YAML by {@link ProfileLoader}, which
 * fills the defaults of the profile type.
 *
 * @param type {@code form-login} for any site with an HTML sign-in form, {@code selfcare} for this portal
 * @param name shown in the report
 * @param tls which certificates the kit accepts
 * @param signIn the sign-in form
 * @param protectedPath a page or API path that needs a session: the kit reads it to tell whether a session is
 *        signed in
 * @param accounts test accounts the kit may sign in with, lock and sign out; never real subscribers
 * @param lockout the lockout the deployment configured
 * @param captcha the deployment's CAPTCHA test key, if it configured one
 * @param upload a file upload form to probe, if the site has one
 * @param timeout time-out of each request
 * @param httpPort port on the target's host where plain HTTP would be served; default 80
 * @param sms the SMSC the kit runs for the duration of a run, if the profile has an {@code sms:} section
 * @param mail the mail sink the kit runs for the duration of a run, if the profile has a {@code mail:} section
 * @param provisioning the operator API that creates fresh test subscribers, if the deployment offers one
 * @param database the deployment's database, if the operator lets the key data case change a sealed record
 * @param integrity what the operator checked by hand for the key data case
 * @param purchase what the purchase cases buy, if the profile has a {@code purchase:} section
 * @param payment the payment provider sandbox the kit runs for the duration of a run, if the profile has a
 *        {@code payment:} section
 * @param subscription the value-added service the subscription cases use, if the profile names one
 * @param monitoring how the kit waits for the deployment's monitoring of abnormal behaviour
 */
public record TargetProfile(ProfileType type, String name, Tls tls, SignIn signIn, String protectedPath,
        List<Account> accounts, Lockout lockout, Optional<Captcha> captcha, Optional<Upload> upload,
        Duration timeout, int httpPort, Optional<Sms> sms, Optional<Mail> mail,
        Optional<Provisioning> provisioning, Optional<Database> database, Integrity integrity,
        Optional<Purchase> purchase, Optional<Payment> payment, Optional<Subscription> subscription,
        Monitoring monitoring) {

    /** Role of the account that the second-authentication lockout case (T-2-3) may lock. */
    public static final String STEP_UP_LOCKOUT_ROLE = "step-up-lockout";

    public TargetProfile {
        accounts = List.copyOf(accounts);
    }

    /**
     * Returns the account marked with {@code role}, if one is.
     */
    public Optional<Account> accountWithRole(String role) {
        return accounts.stream().filter((account) -> account.role().filter(role::equals).isPresent()).findFirst();
    }

    /**
     * Certificates the kit's HTTP client accepts.
     *
     * @param insecure accept any certificate, for test deployments with a self-signed one
     * @param caFile PEM file of the authorities to trust instead of the JDK's
     */
    public record Tls(boolean insecure, Optional<Path> caFile) {
    }

    /**
     * The sign-in form and how to read its outcome.
     *
     * @param page path of the page that shows the form; its hidden inputs (a CSRF token) are sent along
     * @param action path the form posts to
     * @param usernameField name of the user name input
     * @param passwordField name of the password input
     * @param success how a successful sign-in looks
     * @param failure how a failed sign-in looks
     * @param unknownUsername a user name shaped like a real one that belongs to no account. The kit signs in
     *        with it to compare error messages and lockout. When empty, cases generate one shaped like the first
     *        account's user name.
     */
    public record SignIn(String page, String action, String usernameField, String passwordField, Outcome success,
            Outcome failure, Optional<String> unknownUsername) {
    }

    /**
     * A rule that recognises a sign-in response; every condition given must hold.
     *
     * @param status the response status
     * @param redirectContains text the Location header must contain
     * @param redirectNotContains text the Location header must not contain
     * @param bodyContains text the body must contain
     */
    public record Outcome(Optional<Integer> status, Optional<String> redirectContains,
            Optional<String> redirectNotContains, Optional<String> bodyContains) {
    }

    /**
     * A test account. Its password is given in the profile, in a file or in an environment variable, so that
     * profiles can be shared without secrets.
     *
     * @param role what a case may do to this account beyond signing in, such as {@link #STEP_UP_LOCKOUT_ROLE}
     */
    public record Account(String username, String password, Optional<String> role) {

        public Account(String username, String password) {
            this(username, password, Optional.empty());
        }

        @Override
        public String toString() {
            return "Account[username=" + username + ", password=[REDACTED], role=" + role.orElse("none") + "]";
        }
    }

    /**
     * The SMSC the kit starts on 127.0.0.1 for the duration of a run. The operator configures the deployment
     * to send its SMS there, and cases read codes and initial passwords from what arrives.
     *
     * @param port SMPP port to listen on; 0 picks a free one
     * @param systemId system id the deployment binds with
     * @param password bind password, at most 8 characters as SMPP 3.4 allows
     * @param waitTime how long a case waits for an expected SMS (the profile's {@code sms.wait})
     * @param codePattern finds a one-time code in an SMS; its first group is the code
     * @param initialPasswordPattern finds the initial password in the SMS sent at provisioning; its first group
     *        is the password
     * @param servicePasswordPattern finds the service password in the SMS sent at provisioning; its first group
     *        is the password
     */
    public record Sms(int port, String systemId, String password, Duration waitTime, Pattern codePattern,
            Pattern initialPasswordPattern, Pattern servicePasswordPattern) {

        @Override
        public String toString() {
            return "Sms[port=" + port + ", systemId=" + systemId + ", password=[REDACTED], wait=" + waitTime + "]";
        }
    }

    /**
     * The SMTP mail sink the kit starts on 127.0.0.1 for the duration of a run.
     *
     * @param port SMTP port to listen on; 0 picks a free one
     */
    public record Mail(int port) {
    }

    /**
     * The deployment's operator API for creating subscribers, which the first sign-in case (T-5-5) uses to make
     * a fresh test subscriber.
     *
     * @param url base URL of the operator API, such as {@code https://127.0.0.1:9443}
     * @param token bearer token of the operator API
     * @param region region code the numbers are read in, such as {@code GB}
     * @param firstNumber first number of the range the kit may give to fresh test subscribers
     * @param lastNumber last number of that range, with the same number of digits
     * @param timeZone time zone given to the fresh subscribers
     * @param contactEmail contact e-mail address given to the fresh subscribers
     */
    public record Provisioning(URI url, String token, String region, String firstNumber, String lastNumber,
            String timeZone, String contactEmail) {

        @Override
        public String toString() {
            return "Provisioning[url=" + url + ", token=[REDACTED], region=" + region + ", numbers=" + firstNumber
                    + ".." + lastNumber + "]";
        }
    }

    /**
     * The deployment's database, where the key data case (T-2-4) changes one sealed record of the first test
     * account and then restores it.
     *
     * @param url JDBC URL, such as {@code jdbc:postgresql://127.0.0.1:5432/selfcare}
     * @param user database user allowed to update the table
     * @param password that user's password
     * @param table table of the sealed record, such as {@code call_record} or {@code payment}
     * @param column numeric or text column the kit changes
     * @param listPath API path that lists the table's records of the signed-in subscriber with their ids
     */
    public record Database(String url, String user, String password, String table, String column,
            String listPath) {

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=[REDACTED], table=" + table + ", column="
                    + column + "]";
        }
    }

    /**
     * @param browserCheckDone whether a person checked in a browser that pages verify response signatures
     *        and show an integrity error for a changed response; default false
     */
    public record Integrity(boolean browserCheckDone) {
    }

    /**
     * The item the purchase cases (T-3-1 to T-3-7) buy.
     *
     * @param item id of a catalogue item that the first account can buy and pay for with store credit, such as
     *        {@code recharge-5}; the cases buy one at a time
     */
    public record Purchase(String item) {
    }

    /**
     * The value-added service the subscription cases (T-4-1 to T-4-3) subscribe to.
     *
     * @param service code of an active service of {@code GET /api/v1/services}, such as {@code news-daily}; by
     *        default the cases take the first service listed
     */
    public record Subscription(Optional<String> service) {
    }

    /**
     * How the cases that produce abnormal behaviour (T-3-2, T-3-3, T-4-3) wait for the deployment to detect it.
     *
     * @param waitTime how long a case waits for a pattern to be flagged, because detection runs after the
     *        requests that produced it; default 20 seconds
     * @param serviceVolumeSubscribers how many fresh subscribers T-4-3 subscribes to one service to produce an
     *        abnormal volume for it; default 12
     */
    public record Monitoring(Duration waitTime, int serviceVolumeSubscribers) {
    }

    /**
     * The payment provider sandbox the kit starts on 127.0.0.1 for the duration of a run. The operator
     * configures the deployment to use it as its payment provider, with the same secret key and webhook secret,
     * and the provider confirmation case (T-3-7) pays through it and reads what it recorded.
     *
     * @param port HTTPS port to listen on; 0 picks a free one
     * @param secretKey the API secret key the deployment authenticates with
     * @param webhookSecret the secret that signs the notifications the sandbox sends
     * @param webhookUrl where the sandbox sends its notifications; by default the target's
     *        {@code /payments/webhook}
     * @param keystore a PKCS12 file whose key and certificate the sandbox presents, so the deployment can trust it
     *        before the run; without it the sandbox generates a certificate at start
     * @param keystorePassword the password of {@code keystore}, empty without one
     */
    public record Payment(int port, String secretKey, String webhookSecret, Optional<URI> webhookUrl,
            Optional<Path> keystore, String keystorePassword) {

        @Override
        public String toString() {
            return "Payment[port=" + port + ", secretKey=[REDACTED], webhookSecret=[REDACTED], webhookUrl="
                    + webhookUrl.map(URI::toString).orElse("default") + ", keystore="
                    + keystore.map(Path::toString).orElse("generated") + "]";
        }
    }

    /**
     * @param maxFailures failed sign-ins after which the deployment locks; default 3
     * @param minimumDuration shortest lock the deployment promises; default 5 minutes
     * @param waitForUnlock whether the kit waits the whole lock to see it end; default false
     */
    public record Lockout(int maxFailures, Duration minimumDuration, boolean waitForUnlock) {
    }

    /**
     * @param field name of the form field that carries the answer
     * @param testKey the answer the deployment accepts in place of a solved challenge
     */
    public record Captcha(String field, String testKey) {

        @Override
        public String toString() {
            return "Captcha[field=" + field + ", testKey=[REDACTED]]";
        }
    }

    /**
     * @param page path of the page with the upload form
     * @param action path the form posts to
     * @param field name of the file input
     */
    public record Upload(String page, String action, String field) {
    }
}
