package org.selfcare.purchase.provider;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLContext;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

/**
 * A stripe-java HTTP client on the JDK's {@link HttpClient}, so the TLS trust can be set per client: stripe-java's
 * own client opens {@code HttpsURLConnection}s that use the JVM-wide trust store. It trusts the certificates of
 * {@code selfcare.payment.provider.trust-certificate} when set, otherwise the JVM's defaults.
 */
final class TrustingStripeHttpClient extends com.stripe.net.HttpClient {

    /** Headers the JDK client sets itself and rejects when a caller sets them. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("content-length", "host", "connection", "expect",
            "upgrade");

    private final HttpClient http;

    private final Duration readTimeout;

    TrustingStripeHttpClient(SSLContext tls, Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI()).timeout(readTimeout);
        }
        catch (URISyntaxException ex) {
            throw new ApiConnectionException("Invalid payment provider URL " + request.url(), ex);
        }
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            if (!RESTRICTED_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                header.getValue().forEach((value) -> builder.header(header.getKey(), value));
            }
        }
        builder.setHeader("User-Agent", buildUserAgentString(request));
        builder.setHeader("X-Stripe-Client-User-Agent", buildXStripeClientUserAgentString());

        if (request.content() == null) {
            builder.method(request.method().name(), HttpRequest.BodyPublishers.noBody());
        }
        else {
            builder.setHeader("Content-Type", request.content().contentType());
            builder.method(request.method().name(),
                    HttpRequest.BodyPublishers.ofByteArray(request.content().byteArrayContent()));
        }

        try {
            HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new StripeResponse(response.statusCode(), HttpHeaders.of(response.headers().map()),
                    response.body());
        }
        catch (IOException ex) {
            throw new ApiConnectionException("Connecting to the payment provider at " + host(request.url().toString())
                    + " failed: " + ex.getClass().getSimpleName(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while waiting for the payment provider", ex);
        }
    }

    private static String host(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
