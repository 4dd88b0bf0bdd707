package org.selfcare.sandbox.payments;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Helpers that read requests and send responses for the sandbox's HTTP handlers. */
final class Exchanges {

    /** The largest request body the sandbox reads; Stripe's form requests are far smaller. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private Exchanges() {
    }

    /** Reads the body as UTF-8, or returns null when it is larger than {@link #MAX_BODY_BYTES}. */
    static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : new String(body, StandardCharsets.UTF_8);
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json);
    }
}
