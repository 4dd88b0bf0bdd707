package org.selfcare.conformance.cases.web;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.profile.SignInAttempt;
import org.selfcare.conformance.profile.SignInFlow;

/**
 * Helpers the web probes share: reading responses as a browser would and telling whether a sign-in worked.
 */
final class WebPages {

    private static final SecureRandom random = new SecureRandom();

    private WebPages() {
    }

    /**
     * Returns whether a browser would render the response as HTML: its Content-Type is {@code text/html}, or
     * it has no Content-Type and the body looks like HTML.
     */
    static boolean isHtml(ProbeResponse response) {
        Optional<String> type = response.header("content-type");
        if (type.isPresent()) {
            return type.get().toLowerCase(Locale.ROOT).contains("text/html");
        }
        String start = response.body().stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") || start.contains("<body");
    }

    /**
     * Follows one redirect when it stays on the target, so a probe can read the page a browser would show next,
     * such as a sign-in page that repeats the rejected user name.
     */
    static Optional<ProbeResponse> followRedirect(ProbeSession session, ProbeResponse response) {
        if (!response.isRedirect()) {
            return Optional.empty();
        }
        Optional<URI> next = response.header("location").flatMap((location) -> onTarget(session, location));
        return next.map((uri) -> session.get(uri.toString()));
    }

    /**
     * Resolves a link against the target and returns it when it points to the target's own scheme, host and port.
     */
    static Optional<URI> onTarget(ProbeSession session, String link) {
        URI base = session.resolve("/");
        URI uri;
        try {
            uri = session.resolve(link.strip());
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        boolean same = base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                && base.getHost().equalsIgnoreCase(String.valueOf(uri.getHost())) && base.getPort() == uri.getPort();
        return same ? Optional.of(uri) : Optional.empty();
    }

    /**
     * Returns whether a sign-in post opened a session: the profile's success rule matched, or neither rule
     * matched and the protected path now returns 2xx.
     */
    static boolean signedIn(SignInFlow flow, ProbeSession session, ProbeResponse response) {
        SignInAttempt.Result result = flow.classify(response);
        if (result == SignInAttempt.Result.SUCCEEDED) {
            return true;
        }
        return result == SignInAttempt.Result.UNRECOGNISED && flow.isSignedIn(session);
    }

    /**
     * Returns a short random hex string that makes a probe's marker or file name unique to this run.
     */
    static String nonce() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
