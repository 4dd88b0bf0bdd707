package org.selfcare.sandbox.inbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.mail.ReceivedMail;
import org.selfcare.sandbox.smsc.ReceivedSms;
import org.selfcare.sandbox.smsc.Smsc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTML page on 127.0.0.1 that lists every SMS the {@link Smsc} and every e-mail the {@link MailSink} received,
 * newest first, so that a person trying the demo can read a one-time code or an initial password.
 *
 * <p>The page shows secrets, so it listens on the loopback address only, answers only requests whose Host header
 * names that address (a page from another site cannot read it through DNS rebinding), escapes every received
 * text, and forbids scripts, frames and caching.
 */
public final class InboxPage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboxPage.class);

    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Smsc smsc;
    private final MailSink mailSink;
    private final int requestedPort;
    private HttpServer server;
    private ExecutorService executor;

    /** Creates a page that listens on {@code port} of 127.0.0.1 once started; 0 picks a free port. */
    public InboxPage(Smsc smsc, MailSink mailSink, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid inbox port " + port + ": use 0 to 65535");
        }
        this.smsc = smsc;
        this.mailSink = mailSink;
        this.requestedPort = port;
    }

    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 0);
        created.createContext("/", this::handle);
        executor = Executors.newFixedThreadPool(2);
        created.setExecutor(executor);
        created.start();
        server = created;
        log.info("Inbox page on http://127.0.0.1:{}/", created.getAddress().getPort());
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

    @Override
    public void close() {
        stop();
    }

    /** Returns the page's address, such as {@code http://127.0.0.1:8027/}; only while started. */
    public synchronized String url() {
        if (server == null) {
            throw new IllegalStateException("The inbox page is not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int port = exchange.getLocalAddress().getPort();
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || !Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port).contains(host)) {
                send(exchange, 421, "Misdirected request: open this page as http://127.0.0.1:" + port + "/");
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/")) {
                send(exchange, 404, "Not found");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "Method not allowed: this page is read-only");
                return;
            }
            send(exchange, 200, render());
        }
    }

    private String render() {
        List<Entry> entries = new ArrayList<>();
        for (ReceivedSms sms : smsc.messages()) {
            entries.add(new Entry(sms.receivedAt(), "SMS", "+" + sms.destination(), sms.source(), null,
                    sms.text() == null ? "(binary message)" : sms.text(),
                    sms.parts() + (sms.parts() == 1 ? " part" : " parts") + ", data_coding " + sms.dataCoding()));
        }
        for (ReceivedMail mail : mailSink.messages()) {
            entries.add(new Entry(mail.receivedAt(), "E-mail", String.join(", ", mail.recipients()),
                    mail.envelopeFrom(), mail.subject(), mail.text() == null ? "(no text part)" : mail.text(), ""));
        }
        entries.sort(Comparator.comparing(Entry::receivedAt).reversed());

        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"refresh\" content=\"5\">\n")
                .append("<title>Demo inbox</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}")
                .append("th,td{border:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}")
                .append("pre{white-space:pre-wrap;margin:0;font-size:1.1em}")
                .append("</style>\n</head>\n<body>\n<h1>Demo inbox</h1>\n")
                .append("<p>SMS and e-mail the demo portal sent, newest first. The page reloads every 5 seconds.</p>\n");
        if (entries.isEmpty()) {
            html.append("<p>Nothing received yet.</p>\n");
        } else {
            html.append("<table>\n<tr><th>Received</th><th>Channel</th><th>To</th><th>From</th><th>Message</th>"
                    + "<th>Details</th></tr>\n");
            for (Entry entry : entries) {
                html.append("<tr><td>").append(escape(entry.receivedAt().toString()))
                        .append("</td><td>").append(escape(entry.channel()))
                        .append("</td><td>").append(escape(entry.to()))
                        .append("</td><td>").append(escape(entry.from()))
                        .append("</td><td>");
                if (entry.subject() != null) {
                    html.append("<strong>").append(escape(entry.subject())).append("</strong>");
                }
                html.append("<pre>").append(escape(entry.text())).append("</pre></td><td>")
                        .append(escape(entry.details())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** One row of the page. */
    private record Entry(Instant receivedAt, String channel, String to, String from, String subject, String text,
                         String details) {
    }

    /** Escapes the five characters that are special in HTML text and attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            switch (character) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        boolean html = status == 200;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", (html ? "text/html" : "text/plain") + "; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Security-Policy", SECURITY_POLICY);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
