package org.selfcare.sandbox.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** A webhook endpoint on 127.0.0.1 for the tests: stores every delivery and responds with queued statuses. */
final class WebhookReceiver implements AutoCloseable {

    /** One delivery the endpoint received. */
    record Delivery(String signature, String body) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/webhook", this::receive);
        server.start();
    }

    static WebhookReceiver http() throws IOException {
        return new WebhookReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static WebhookReceiver https(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new WebhookReceiver(server);
    }

    URI endpoint() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
    }

    /** Responds to the next deliveries with these statuses, then with 200. */
    void respondWith(Integer... next) {
        statuses.addAll(List.of(next));
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Waits up to 10 seconds for at least {@code count} deliveries. */
    List<Delivery> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<Delivery> received = deliveries();
            if (received.size() >= count) {
                return received;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Expected " + count + " webhook deliveries within 10 s, got " + deliveries());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (this) {
                deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Stripe-Signature"), body));
            }
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
        }
    }
}
