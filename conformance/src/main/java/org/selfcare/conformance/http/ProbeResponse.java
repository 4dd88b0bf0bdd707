package org.selfcare.conformance.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What came back for one probe request. A request that got no response (refused connection, time-out, TLS
 * failure) has status 0 and an error, so a case decides what that means instead of catching exceptions.
 *
 * @param uri the request URI
 * @param status HTTP status, or 0 when no response arrived
 * @param headers response headers with lower-case names
 * @param body response body decoded as UTF-8, at most {@link ProbeSession#MAX_BODY_BYTES} bytes
 * @param elapsed time from sending to the complete response
 * @param error why no response arrived, or empty
 * @param signature the check of the response signature, {@link ResponseSignature#NOT_CHECKED} unless the kit
 *        signed the request
 */
public record ProbeResponse(URI uri, int status, Map<String, List<String>> headers, String body, Duration elapsed,
        Optional<String> error, ResponseSignature signature) {

    public ProbeResponse(URI uri, int status, Map<String, List<String>> headers, String body, Duration elapsed,
            Optional<String> error) {
        this(uri, status, headers, body, elapsed, error, ResponseSignature.NOT_CHECKED);
    }

    /**
     * Returns a copy with the outcome of the response signature check.
     */
    public ProbeResponse withSignature(ResponseSignature checked) {
        return new ProbeResponse(uri, status, headers, body, elapsed, error, checked);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return (values == null || values.isEmpty()) ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public boolean isRedirect() {
        return status >= 300 && status < 400;
    }

    public boolean answered() {
        return status > 0;
    }
}
