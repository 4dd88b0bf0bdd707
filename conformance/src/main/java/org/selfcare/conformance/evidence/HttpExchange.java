package org.selfcare.conformance.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request and its response, or the error that prevented a response.
 *
 * @param at when the request was sent
 * @param method request method
 * @param url full request URL, secret query parameters redacted
 * @param requestHeaders headers sent, secret values redacted
 * @param requestBody body sent, secret fields redacted; empty for none
 * @param status response status, or 0 when no response arrived
 * @param responseHeaders headers received, cookie values redacted
 * @param responseBody the first {@value #BODY_LIMIT} characters of the body, secret fields redacted
 * @param elapsedMillis time from sending to the complete response
 * @param error why no response arrived, or empty
 */
public record HttpExchange(Instant at, String method, String url, Map<String, List<String>> requestHeaders,
        String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody,
        long elapsedMillis, String error) implements Evidence {

    public static final int BODY_LIMIT = 4096;

    public HttpExchange {
        requestHeaders = Map.copyOf(requestHeaders);
        responseHeaders = Map.copyOf(responseHeaders);
    }
}
