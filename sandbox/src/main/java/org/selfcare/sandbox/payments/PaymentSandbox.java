package org.selfcare.sandbox.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.selfcare.sandbox.tls.SelfSignedTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in payment provider: an HTTPS server on 127.0.0.1 that speaks the part of Stripe's PaymentIntents API
 * that stripe-java needs to create, retrieve and cancel a payment, serves a hosted payment page, and sends
 * signed webhook events. Its certificate is self-signed and generated at the first start; clients trust exactly
 * it through {@link #certificatePem()}.
 *
 * <pre>{@code
 * PaymentSandbox provider = PaymentSandbox.builder()
 *         .secretKey("sk_test_...")
 *         .webhooks(URI.create("https://127.0.0.1:8443/payments/webhook"), "whsec_...", portalCertificates)
 *         .build();
 * provider.start();
 * // point stripe-java at provider.apiBase(), trusting provider.certificatePem()
 * }</pre>
 *
 * <p>Test controls: {@link #takeDown(Outage)} and {@link #bringUp()}, {@link #holdWebhooks()} and
 * {@link #releaseWebhooks()}, {@link #replay(String)}, {@link #reportAmount(String, long, String)}, and
 * {@link #pay(String)} and {@link #decline(String)} in place of a browser on the payment page. Payment intents,
 * events and records survive {@link #stop()} and {@link #start()}, and a restart listens on the same port.
 */
public final class PaymentSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PaymentSandbox.class);

    private static final int MIN_SECRET_LENGTH = 16;

    private final String secretKey;
    private final Clock clock;
    private final PaymentIntents intents = new PaymentIntents();
    private final ProviderRecords records = new ProviderRecords();
    private final Map<String, ProviderEvent> events = new LinkedHashMap<>();
    private final WebhookSender webhooks;
    private final StripeApi api;
    private final SelfSignedTls tls;
    private int port;

    private HttpsServer server;
    private ExecutorService executor;
    private volatile Outage outage;

    private PaymentSandbox(Builder builder) {
        this.secretKey = builder.secretKey;
        this.port = builder.port;
        this.clock = builder.clock;
        try {
            this.tls = (builder.tls != null) ? builder.tls : SelfSignedTls.generate("Selfcare sandbox payment provider");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Generating the payment sandbox's certificate failed", e);
        }
        this.webhooks = new WebhookSender(records, clock, builder.webhookRetryDelay, builder.webhookMaxAttempts);
        if (builder.webhookEndpoint != null) {
            webhooks.configure(builder.webhookEndpoint, builder.webhookSecret, builder.webhookTrust);
        }
        this.api = new StripeApi(secretKey, intents, records, clock, this::emit, this::payPageUrl,
                () -> outage == Outage.SERVICE_UNAVAILABLE);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening. Does nothing when already started. */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        HttpsServer created = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        created.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        created.createContext("/v1/", api);
        created.createContext("/pay/", new PaymentPage(this));
        created.createContext("/sandbox/", this::serveSandboxApi);
        created.createContext("/", exchange -> {
            try (exchange) {
                Exchanges.sendJson(exchange, 404, StripeJson.error("invalid_request_error", null,
                        "Unrecognized request URL (" + exchange.getRequestMethod() + ": "
                                + exchange.getRequestURI().getPath() + ").", null));
            }
        });
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "payments-http");
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.start();
        server = created;
        port = created.getAddress().getPort();
        log.info("Payment sandbox listening on https://127.0.0.1:{}", port);
    }

    /** Closes the port. Keeps payment intents, events and records; queued webhook retries go on. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
        log.info("Payment sandbox on port {} stopped", port);
    }

    /** Stops the server and the webhook sender for good. */
    @Override
    public void close() {
        stop();
        webhooks.stop();
    }

    /** Returns the port: the bound one once started, the configured one (perhaps 0) before. */
    public synchronized int port() {
        return port;
    }

    /** Returns the base URL for stripe-java's API base, such as {@code https://127.0.0.1:50123}. */
    public synchronized String apiBase() {
        if (port == 0) {
            throw new IllegalStateException("The payment sandbox has no port yet: start it first");
        }
        return "https://127.0.0.1:" + port;
    }

    /** Returns the server certificate in PEM form; clients trust exactly this certificate. */
    public String certificatePem() {
        return tls.pem();
    }

    public X509Certificate certificate() {
        return tls.certificate();
    }

    /**
     * Sets where webhook events go from now on and the secret that signs them.
     *
     * @param trustAnchors certificates the endpoint's chain must end in; empty for the JVM's default trust store
     */
    public void configureWebhooks(URI endpoint, String secret, List<X509Certificate> trustAnchors) {
        Builder.checkWebhook(endpoint, secret);
        webhooks.configure(endpoint, secret, List.copyOf(trustAnchors));
    }

    /** Returns every payment intent, oldest first. */
    public List<PaymentIntent> paymentIntents() {
        return intents.all();
    }

    public Optional<PaymentIntent> paymentIntent(String id) {
        return intents.find(id);
    }

    /** Returns what the sandbox received and sent: API requests and webhook attempts. */
    public ProviderRecords records() {
        return records;
    }

    /** Returns every event the sandbox created, oldest first. */
    public synchronized List<ProviderEvent> events() {
        return List.copyOf(events.values());
    }

    /** Returns the events about one payment intent, oldest first. */
    public List<ProviderEvent> eventsFor(String paymentIntentId) {
        return events().stream().filter(event -> event.paymentIntentId().equals(paymentIntentId)).toList();
    }

    /**
     * Pays an open intent as the Pay button does: its status becomes {@code succeeded} and a
     * {@code payment_intent.succeeded} event goes out.
     *
     * @throws IllegalArgumentException when there is no such intent
     * @throws IllegalStateException when the intent already succeeded or was cancelled
     */
    public PaymentIntent pay(String id) {
        PaymentIntent paid = intents.changeOpen(id, intent -> intent.withStatus(PaymentIntent.STATUS_SUCCEEDED, false));
        emit(ProviderEvent.SUCCEEDED, paid);
        return paid;
    }

    /**
     * Declines an open intent as the Decline button does: its status goes back to
     * {@code requires_payment_method} with a card error, and a {@code payment_intent.payment_failed} event goes out.
     */
    public PaymentIntent decline(String id) {
        PaymentIntent declined = intents.changeOpen(id,
                intent -> intent.withStatus(PaymentIntent.STATUS_REQUIRES_PAYMENT_METHOD, true));
        emit(ProviderEvent.PAYMENT_FAILED, declined);
        return declined;
    }

    /**
     * Makes the API report another amount or currency for an intent from now on, in retrieves and in later
     * events, so tests can check that a client compares them with its order.
     */
    public PaymentIntent reportAmount(String id, long amount, String currency) {
        return intents.change(id, intent -> intent.withAmount(amount, currency.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Makes the API unavailable until {@link #bringUp()}. */
    public void takeDown(Outage kind) {
        Objects.requireNonNull(kind, "kind");
        outage = kind;
        if (kind == Outage.CONNECTION_REFUSED) {
            stop();
        }
        log.info("Payment sandbox API taken down: {}", kind);
    }

    /** Ends an outage that {@link #takeDown(Outage)} started. */
    public void bringUp() throws IOException {
        outage = null;
        start();
        log.info("Payment sandbox API back up");
    }

    /** Queues webhook events instead of sending them, so that clients must poll to learn the outcome. */
    public void holdWebhooks() {
        webhooks.hold();
    }

    /** Sends the queued events and stops holding. */
    public void releaseWebhooks() {
        webhooks.release();
    }

    /** Returns the events queued while held, oldest first. */
    public List<ProviderEvent> heldWebhooks() {
        return webhooks.heldEvents();
    }

    /**
     * Sends an event again with the same id and body and a fresh signature, as Stripe's "resend" does, even while
     * webhooks are held.
     *
     * @throws IllegalArgumentException when there is no event with this id
     */
    public void replay(String eventId) {
        ProviderEvent event;
        synchronized (this) {
            event = events.get(eventId);
        }
        if (event == null) {
            throw new IllegalArgumentException("No such event: " + eventId);
        }
        webhooks.resend(event);
    }

    /** Returns the {@code Stripe-Signature} header value for {@code body} signed with {@code secret} at a time. */
    public static String signatureHeader(String secret, long unixSeconds, String body) {
        return WebhookSender.signatureHeader(secret, unixSeconds, body);
    }

    /** Reads PEM certificates, for webhook trust anchors. */
    public static List<X509Certificate> readCertificates(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : factory.generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("No certificate found in the PEM text");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Invalid PEM certificate: " + e.getMessage(), e);
        }
    }

    private void emit(String type, PaymentIntent intent) {
        long created = clock.instant().getEpochSecond();
        String id = intents.newEventId();
        String body = StripeJson.write(StripeJson.event(id, type, created, intent, payPageUrl(intent.id())));
        ProviderEvent event = new ProviderEvent(id, type, intent.id(), clock.instant(), body);
        synchronized (this) {
            events.put(id, event);
        }
        webhooks.send(event);
    }

    private String payPageUrl(String paymentIntentId) {
        return apiBase() + "/pay/" + paymentIntentId;
    }

    private void serveSandboxApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                Exchanges.sendJson(exchange, 405, StripeJson.write(Map.of("error",
                        "Method " + exchange.getRequestMethod() + " not allowed: the sandbox records are read-only")));
                return;
            }
            Object body = switch (path) {
                case "/sandbox/records" -> Map.of("requests", records.requests(), "webhooks", records.webhooks());
                case "/sandbox/payment_intents" -> Map.of("paymentIntents", paymentIntents());
                default -> null;
            };
            if (body == null) {
                Exchanges.sendJson(exchange, 404, StripeJson.write(Map.of("error", "Not found: " + path
                        + ". Use /sandbox/records or /sandbox/payment_intents.")));
                return;
            }
            Exchanges.sendJson(exchange, 200, StripeJson.write(body));
        }
    }

    /** Configuration of a {@link PaymentSandbox}; the secret key is required. */
    public static final class Builder {
        private String secretKey;
        private int port;
        private URI webhookEndpoint;
        private String webhookSecret;
        private List<X509Certificate> webhookTrust = List.of();
        private Duration webhookRetryDelay = Duration.ofSeconds(1);
        private int webhookMaxAttempts = 10;
        private Clock clock = Clock.systemUTC();
        private SelfSignedTls tls;

        private Builder() {
        }

        /**
         * Presents {@code tls} instead of a certificate generated at start, so a client configured before the
         * sandbox starts can already trust it.
         */
        public Builder tls(SelfSignedTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Sets the key that every API request must carry, at least 16 characters. */
        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /** Sets the port on 127.0.0.1; 0 (the default) picks a free port at the first start. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Invalid HTTPS port " + port + ": use 0 to 65535");
            }
            this.port = port;
            return this;
        }

        /**
         * Sets where webhook events go and the secret that signs them. Without this call events queue until
         * {@link PaymentSandbox#configureWebhooks} is called.
         *
         * @param trustAnchors certificates the endpoint's chain must end in; empty for the JVM's default trust
         */
        public Builder webhooks(URI endpoint, String secret, List<X509Certificate> trustAnchors) {
            checkWebhook(endpoint, secret);
            this.webhookEndpoint = endpoint;
            this.webhookSecret = secret;
            this.webhookTrust = List.copyOf(trustAnchors);
            return this;
        }

        /** Sets the delay before the first retry of a failed delivery; each later retry waits twice as long. */
        public Builder webhookRetryDelay(Duration delay) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("Invalid webhook retry delay " + delay + ": use a positive duration");
            }
            this.webhookRetryDelay = delay;
            return this;
        }

        /** Sets how many times one event is sent at most, counting the first delivery (default 10). */
        public Builder webhookMaxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("Invalid webhook attempts " + attempts + ": use 1 or more");
            }
            this.webhookMaxAttempts = attempts;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public PaymentSandbox build() {
            if (secretKey == null || secretKey.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("Missing or short secret key: use at least " + MIN_SECRET_LENGTH
                        + " characters");
            }
            return new PaymentSandbox(this);
        }

        static void checkWebhook(URI endpoint, String secret) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
                throw new IllegalArgumentException("Invalid webhook endpoint " + endpoint + ": use an http or https URL");
            }
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("Missing or short webhook secret: use at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
        }
    }
}
