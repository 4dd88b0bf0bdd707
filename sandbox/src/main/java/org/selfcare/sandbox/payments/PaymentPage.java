package org.selfcare.sandbox.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosted payment page at {@code /pay/{id}}: shows the amount and offers Pay and Decline buttons, which post
 * back to the same URL. The sandbox then changes the intent, sends its webhook event and redirects the browser
 * to the intent's return URL with {@code payment_intent} and {@code redirect_status} added, as Stripe's redirect
 * does. The page has no script, and its Content-Security-Policy allows no script either.
 */
final class PaymentPage implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(PaymentPage.class);

    private static final Pattern PAGE_PATH = Pattern.compile("/pay/([A-Za-z0-9_]+)");

    private final PaymentSandbox sandbox;

    PaymentPage(PaymentSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PAGE_PATH.matcher(exchange.getRequestURI().getPath());
            Optional<PaymentIntent> intent = path.matches() ? sandbox.paymentIntent(path.group(1)) : Optional.empty();
            if (intent.isEmpty()) {
                sendPage(exchange, 404, null, "<h1>Payment not found</h1><p>There is no payment at this address.</p>");
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET", "HEAD" -> showForm(exchange, intent.get());
                case "POST" -> complete(exchange, intent.get());
                default -> {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST");
                    sendPage(exchange, 405, null, "<h1>Method not allowed</h1>");
                }
            }
        } catch (RuntimeException e) {
            log.error("Payment page request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            throw e;
        }
    }

    private void showForm(HttpExchange exchange, PaymentIntent intent) throws IOException {
        String amount = escape(formatAmount(intent));
        String order = escape(intent.metadata().getOrDefault("order_number", intent.id()));
        if (!intent.isOpen()) {
            sendPage(exchange, 200, intent, "<h1>Payment " + escape(intent.status()) + "</h1><p>The payment of "
                    + amount + " for " + order + " can no longer be changed.</p>");
            return;
        }
        sendPage(exchange, 200, intent, "<h1>Sandbox payment</h1>"
                + "<p>Pay " + amount + " for " + order + "? No money moves: this is a test provider.</p>"
                + (intent.declined() ? "<p>The last attempt was declined.</p>" : "")
                + "<form method=\"post\">"
                + "<button type=\"submit\" name=\"outcome\" value=\"pay\">Pay " + amount + "</button> "
                + "<button type=\"submit\" name=\"outcome\" value=\"decline\">Decline</button>"
                + "</form>");
    }

    private void complete(HttpExchange exchange, PaymentIntent intent) throws IOException {
        String body = Exchanges.readBody(exchange);
        Map<String, String> form = body == null ? Map.of() : FormParameters.parse(body);
        String outcome = form.get("outcome");
        if (!"pay".equals(outcome) && !"decline".equals(outcome)) {
            sendPage(exchange, 400, intent, "<h1>Choose Pay or Decline</h1>");
            return;
        }
        PaymentIntent changed;
        try {
            changed = outcome.equals("pay") ? sandbox.pay(intent.id()) : sandbox.decline(intent.id());
        } catch (IllegalStateException e) {
            sendPage(exchange, 409, intent, "<h1>Payment " + escape(intent.status()) + "</h1>"
                    + "<p>This payment can no longer be changed.</p>");
            return;
        }
        if (changed.returnUrl() == null) {
            sendPage(exchange, 200, changed, "<h1>Payment " + escape(changed.status()) + "</h1>");
            return;
        }
        String redirectStatus = changed.status().equals(PaymentIntent.STATUS_SUCCEEDED) ? "succeeded" : "failed";
        exchange.getResponseHeaders().set("Location", withQuery(changed.returnUrl(),
                "payment_intent=" + URLEncoder.encode(changed.id(), StandardCharsets.UTF_8)
                        + "&redirect_status=" + redirectStatus));
        Exchanges.send(exchange, 303, "text/plain; charset=utf-8", "");
    }

    private static void sendPage(HttpExchange exchange, int status, PaymentIntent intent, String content)
            throws IOException {
        // Chromium applies form-action to the redirect that follows a form post too, so the return URL's origin
        // is allowed beside the page's own.
        String formAction = "'self'";
        if (intent != null && intent.returnUrl() != null) {
            URI returnUrl = URI.create(intent.returnUrl());
            formAction += " " + returnUrl.getScheme() + "://" + returnUrl.getRawAuthority();
        }
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        Exchanges.send(exchange, status, "text/html; charset=utf-8", "<!DOCTYPE html><html lang=\"en\"><head>"
                + "<meta charset=\"utf-8\"><title>Sandbox payment</title></head><body>" + content + "</body></html>");
    }

    private static String withQuery(String url, String query) {
        int fragment = url.indexOf('#');
        String base = fragment < 0 ? url : url.substring(0, fragment);
        return base + (base.contains("?") ? "&" : "?") + query;
    }

    /** Formats the amount for people, assuming two decimals, which holds for the currencies the portal uses. */
    private static String formatAmount(PaymentIntent intent) {
        return BigDecimal.valueOf(intent.amount(), 2).toPlainString() + " " + intent.currency().toUpperCase();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
