package org.selfcare.conformance.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
 */
public record TargetProfile(ProfileType type, String name, Tls tls, SignIn signIn, String protectedPath,
        List<Account> accounts, Lockout lockout, Optional<Captcha> captcha, Optional<Upload> upload,
        Duration timeout, int httpPort) {

    public TargetProfile {
        accounts = List.copyOf(accounts);
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
     */
    public record Account(String username, String password) {

        @Override
        public String toString() {
            return "Account[username=" + username + ", password=[REDACTED]]";
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
