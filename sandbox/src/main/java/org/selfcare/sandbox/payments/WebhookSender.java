package org.selfcare.sandbox.payments;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends webhook events to the configured endpoint, signed as Stripe signs them: header
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the webhook secret>}. A delivery
 * that gets no 2xx response is retried after a delay that doubles each time, up to the maximum number of attempts.
 * While held, events queue up and are sent on release.
 */
final class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ProviderRecords records;
    private final Clock clock;
    private final Duration firstRetryDelay;
    private final int maxAttempts;
    private final ScheduledExecutorService scheduler;
    private final List<ProviderEvent> queued = new ArrayList<>();

    private Target target;
    private boolean holding;

    /** The destination of events: the endpoint, the signing secret and an HTTP client that trusts the endpoint. */
    private record Target(URI endpoint, String secret, HttpClient client) {
    }

    WebhookSender(ProviderRecords records, Clock clock, Duration firstRetryDelay, int maxAttempts) {
        this.records = records;
        this.clock = clock;
        this.firstRetryDelay = firstRetryDelay;
        this.maxAttempts = maxAttempts;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "payments-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sets the endpoint and secret for the next deliveries, and sends the events that waited for an endpoint unless
     * webhooks are held.
     *
     * @param trustAnchors the certificates that the endpoint's chain must end in; empty for the JVM's defaults
     */
    synchronized void configure(URI endpoint, String secret, List<X509Certificate> trustAnchors) {
        HttpClient.Builder client = HttpClient.newBuilder()
                .connectTimeout(REQUEST_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (!trustAnchors.isEmpty()) {
            client.sslContext(trusting(trustAnchors));
        }
        target = new Target(endpoint, secret, client.build());
        if (!holding) {
            release();
        }
    }

    synchronized boolean isConfigured() {
        return target != null;
    }

    /** Sends the event now, or queues it while held or while no endpoint is configured. */
    synchronized void send(ProviderEvent event) {
        if (holding || target == null) {
            queued.add(event);
            return;
        }
        schedule(event, 1, Duration.ZERO);
    }

    /** Sends the event again, held or not, as Stripe's "resend" does; the event id stays the same. */
    synchronized void resend(ProviderEvent event) {
        if (target == null) {
            throw new IllegalStateException("No webhook endpoint is configured");
        }
        schedule(event, 1, Duration.ZERO);
    }

    synchronized void hold() {
        holding = true;
    }

    /** Stops holding and sends every queued event, oldest first. */
    synchronized void release() {
        holding = false;
        if (target == null) {
            return;
        }
        for (ProviderEvent event : queued) {
            schedule(event, 1, Duration.ZERO);
        }
        queued.clear();
    }

    synchronized List<ProviderEvent> heldEvents() {
        return List.copyOf(queued);
    }

    void stop() {
        scheduler.shutdownNow();
    }

    /** Returns the {@code Stripe-Signature} header for {@code body} signed at {@code timestamp}. */
    static String signatureHeader(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signature);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private void schedule(ProviderEvent event, int attempt, Duration delay) {
        scheduler.schedule(() -> deliver(event, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void deliver(ProviderEvent event, int attempt) {
        Target current;
        synchronized (this) {
            current = target;
        }
        int status = 0;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(current.endpoint())
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .header("Stripe-Signature", signatureHeader(current.secret(), clock.instant().getEpochSecond(),
                            event.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(event.body(), StandardCharsets.UTF_8))
                    .build();
            status = current.client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }

        RecordedWebhook recorded = new RecordedWebhook(clock.instant(), event.id(), event.type(),
                event.paymentIntentId(), current.endpoint().toString(), attempt, status, error);
        records.add(recorded);
        if (recorded.delivered()) {
            log.info("Webhook {} {} delivered to {} at attempt {}", event.id(), event.type(), current.endpoint(),
                    attempt);
            return;
        }
        if (attempt >= maxAttempts) {
            log.warn("Webhook {} {} failed at attempt {} (status {}, {}); giving up", event.id(), event.type(),
                    attempt, status, error);
            return;
        }
        Duration delay = retryDelay(attempt);
        log.info("Webhook {} {} failed at attempt {} (status {}, {}); retrying in {}", event.id(), event.type(),
                attempt, status, error, delay);
        synchronized (this) {
            if (!scheduler.isShutdown()) {
                schedule(event, attempt + 1, delay);
            }
        }
    }

    private Duration retryDelay(int attempt) {
        Duration delay = firstRetryDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    private static SSLContext trusting(List<X509Certificate> anchors) {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                trustStore.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot build a TLS context from the webhook trust anchors", e);
        }
    }
}
