package org.selfcare.conformance.cases.purchase;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.MessageSignatures;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.http.SessionSigner;

/**
 * Selfcare's purchase API as one signed-in session uses it: the published encryption keys, the catalogue,
 * orders, their payment and cancellation. Every {@code /api/v1} request is signed by the session, except those
 * a case signs itself to capture and send again.
 */
final class PurchaseApi {

    static final String JWKS_PATH = "/.well-known/jwks.json";

    static final String CATALOGUE_PATH = "/api/v1/catalogue";

    static final String ORDERS_PATH = "/api/v1/orders";

    static final String JOSE = "application/jose";

    static final String JSON = "application/json";

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static final String STORE_CREDIT = "STORE_CREDIT";

    static final String PROVIDER = "PROVIDER";

    private static final SecureRandom random = new SecureRandom();

    private final ProbeSession session;

    private final Map<String, String> csrf;

    private final Clock clock;

    PurchaseApi(ProbeSession session, Map<String, String> csrf, Clock clock) {
        this.session = session;
        this.csrf = csrf;
        this.clock = clock;
    }

    /**
     * A request as sent, with everything needed to send it again byte for byte.
     *
     * @param headers every header sent, the signature header included
     */
    record Captured(String path, Map<String, String> headers, String body, ProbeResponse response) {

        String idempotencyKey() {
            return headers.get(IDEMPOTENCY_KEY);
        }
    }

    ProbeSession session() {
        return session;
    }

    ProbeResponse jwks() {
        return session.get(JWKS_PATH, Map.of("Accept", "application/json"));
    }

    ProbeResponse catalogue() {
        return session.get(CATALOGUE_PATH, Map.of("Accept", "application/json"));
    }

    /**
     * Sends an order body with a fresh idempotency key, signed by the session.
     *
     * @param contentType {@link #JOSE} for the contract's encrypted body, anything else to test a refusal
     */
    ProbeResponse createOrder(String body, String contentType) {
        return session.send("POST", ORDERS_PATH, orderHeaders(contentType, newIdempotencyKey()), body);
    }

    /**
     * Sends an encrypted order body with a fresh idempotency key and a signature the case built, so it can send
     * the same request again later.
     */
    Captured captureOrder(String jwe) {
        return sendSigned(jwe, newIdempotencyKey());
    }

    /**
     * Signs {@code body} afresh and sends it with {@code idempotencyKey}, as a man in the middle who has the
     * session key, or a client that retries, would.
     */
    Captured sendSigned(String body, String idempotencyKey) {
        Map<String, String> headers = orderHeaders(JOSE, idempotencyKey);
        SessionSigner signer = session.signer();
        if (signer.isSigning()) {
            headers.put(MessageSignatures.REQUEST_HEADER, signer.header("POST", session.resolve(ORDERS_PATH),
                    body.getBytes(StandardCharsets.UTF_8), SessionSigner.timestamp(clock.instant()),
                    signer.newNonce()));
        }
        ProbeResponse response = session.sendExactly("POST", ORDERS_PATH, headers, body);
        return new Captured(ORDERS_PATH, headers, body, response);
    }

    /**
     * Sends a captured request again, headers and body unchanged.
     */
    ProbeResponse replay(Captured captured) {
        return session.sendExactly("POST", captured.path(), captured.headers(), captured.body());
    }

    ProbeResponse order(String number) {
        return session.get(ORDERS_PATH + "/" + number, Map.of("Accept", "application/json"));
    }

    ProbeResponse orders() {
        return session.get(ORDERS_PATH, Map.of("Accept", "application/json"));
    }

    ProbeResponse pay(String number, String method) {
        return pay(number, method, Map.of());
    }

    /**
     * Pays an order with a {@code confirmation} member, such as an SMS code, when {@code confirmation} is not
     * empty.
     */
    ProbeResponse pay(String number, String method, Map<String, String> confirmation) {
        Map<String, String> headers = new LinkedHashMap<>(csrf);
        headers.put(IDEMPOTENCY_KEY, newIdempotencyKey());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method", method);
        if (!confirmation.isEmpty()) {
            body.put("confirmation", confirmation);
        }
        return session.postJson(ORDERS_PATH + "/" + number + "/payment", headers, JsonBody.write(body));
    }

    /** Returns the session's CSRF header and token, for requests of the second authentication. */
    Map<String, String> csrf() {
        return csrf;
    }

    ProbeResponse cancel(String number) {
        return session.postJson(ORDERS_PATH + "/" + number + "/cancel", csrf, "{}");
    }

    private Map<String, String> orderHeaders(String contentType, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>(csrf);
        headers.put("Content-Type", contentType);
        headers.put("Accept", "application/json");
        headers.put(IDEMPOTENCY_KEY, idempotencyKey);
        return headers;
    }

    /** Returns 16 random bytes in hex, prefixed so an operator can tell the kit's requests apart. */
    static String newIdempotencyKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "x1470-" + HexFormat.of().formatHex(bytes);
    }
}
