package org.selfcare.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP server on 127.0.0.1 that serves JSON documents for GET requests only. Each path maps to a function
 * from the decoded query parameters to the object to serialize. Any other method gets 405 with {@code Allow: GET},
 * so a client cannot change what a stand-in has stored.
 */
public final class ReadOnlyJsonApi {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyJsonApi.class);

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final Map<String, Function<Map<String, String>, Object>> routes = new LinkedHashMap<>();
    private final int requestedPort;
    private HttpServer server;
    private ExecutorService executor;

    /** Creates an API that listens on {@code port} of 127.0.0.1 once started; 0 picks a free port. */
    public ReadOnlyJsonApi(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid HTTP port " + port + ": use 0 to 65535");
        }
        this.requestedPort = port;
    }

    /** Registers {@code path}, which must be registered before {@link #start()}. */
    public ReadOnlyJsonApi route(String path, Function<Map<String, String>, Object> handler) {
        routes.put(path, handler);
        return this;
    }

    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 0);
        routes.forEach((path, handler) -> created.createContext(path, exchange -> handle(exchange, path, handler)));
        executor = Executors.newFixedThreadPool(2);
        created.setExecutor(executor);
        created.start();
        server = created;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
    }

    /** Returns the address the server listens on; only valid while started. */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("HTTP API is not started");
        }
        return server.getAddress();
    }

    private void handle(HttpExchange exchange, String path, Function<Map<String, String>, Object> handler)
            throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, 404, Map.of("error", "Not found: " + exchange.getRequestURI().getPath()));
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, Map.of("error", "Method " + method + " not allowed: this API is read-only"));
                return;
            }
            send(exchange, 200, handler.apply(queryParameters(exchange)));
        } catch (RuntimeException e) {
            log.error("HTTP API request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            throw e;
        }
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] json = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : json.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        }
    }

    /**
     * Splits the query into parameters. {@link java.net.URI#getQuery()} already decodes percent escapes and, unlike
     * form decoding, keeps {@code +} as a plus sign, so {@code ?to=+447700900000} filters on an E.164 number.
     */
    private static Map<String, String> queryParameters(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String query = exchange.getRequestURI().getQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }
}
