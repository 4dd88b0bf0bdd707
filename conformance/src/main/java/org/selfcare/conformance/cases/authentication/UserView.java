package org.selfcare.conformance.cases.authentication;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;

/**
 * What a person sees after a sign-in attempt: the status, where a redirect leads, and the normalised text of the
 * page that finally shows. Redirects on the target are followed in the same session, because many sites keep
 * the error message in the session and show it only on the page they redirect to.
 *
 * @param status status of the first response
 * @param redirects the redirect targets followed, normalised
 * @param finalStatus status of the page that finally shows
 * @param text normalised visible text of that page
 * @param responses every response seen, first one first, for scanning
 */
record UserView(int status, List<String> redirects, int finalStatus, String text, List<ProbeResponse> responses) {

    static final int MAX_REDIRECTS = 3;

    private static final Pattern PATH_PARAMETER = Pattern.compile("(?i);jsessionid=[^?#]*");

    private static final Pattern TOKEN_VALUE = Pattern.compile("=(?=[A-Za-z_-]*\\d)(?=[\\d_-]*[A-Za-z])[\\w-]{16,}");

    UserView {
        redirects = List.copyOf(redirects);
        responses = List.copyOf(responses);
    }

    /**
     * Follows the redirects of {@code response} that stay on the target and builds the view.
     *
     * @param echoedValues values the request carried that the page may show back, such as the user name
     */
    static UserView of(ProbeSession session, ProbeResponse response, Collection<String> echoedValues) {
        List<ProbeResponse> responses = new ArrayList<>();
        List<String> redirects = new ArrayList<>();
        responses.add(response);
        ProbeResponse current = response;
        while (current.isRedirect() && redirects.size() < MAX_REDIRECTS) {
            Optional<String> location = current.header("location");
            if (location.isEmpty()) {
                break;
            }
            URI next = current.uri().resolve(location.get().strip());
            redirects.add(normaliseLocation(next));
            if (!sameOrigin(session.resolve("/"), next)) {
                break;
            }
            current = session.get(next.toString());
            responses.add(current);
        }
        return new UserView(response.status(), redirects, current.status(),
                PageText.normalised(current.body(), echoedValues), responses);
    }

    /**
     * Returns how this view differs from {@code other} in what a person sees, or empty when it does not.
     */
    Optional<String> differenceFrom(UserView other) {
        if (status != other.status) {
            return Optional.of("status " + status + " vs " + other.status);
        }
        if (!redirects.equals(other.redirects)) {
            return Optional.of("redirect to " + describe(redirects) + " vs " + describe(other.redirects));
        }
        if (finalStatus != other.finalStatus) {
            return Optional.of("status of the page shown " + finalStatus + " vs " + other.finalStatus);
        }
        if (!text.equals(other.text)) {
            return Optional.of("message " + PageText.difference(text, other.text, 120));
        }
        return Optional.empty();
    }

    private static String describe(List<String> redirects) {
        return redirects.isEmpty() ? "nowhere" : String.join(" then ", redirects);
    }

    private static String normaliseLocation(URI location) {
        String text = Objects.toString(location.getRawPath(), "");
        if (location.getRawQuery() != null) {
            text += "?" + location.getRawQuery();
        }
        text = PATH_PARAMETER.matcher(text).replaceAll("");
        return TOKEN_VALUE.matcher(text).replaceAll("={token}");
    }

    private static boolean sameOrigin(URI base, URI other) {
        return Objects.equals(base.getScheme(), other.getScheme()) && Objects.equals(base.getHost(), other.getHost())
                && base.getPort() == other.getPort();
    }
}
