package org.selfcare.conformance.cases.inquiry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.MessageSignatures;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.http.ResponseSignature;
import org.selfcare.conformance.http.SessionSigner;

/**
 * Sends Selfcare API requests of a signing session with the signature header built by the case, so that it
 * can alter one part of a correctly signed request or send the same request twice.
 */
final class SignedRequests {

    /**
     * How far the stale and future timestamps lie from now: far outside Selfcare's default window of two
     * minutes. A deployment that configured a window of 15 minutes or more accepts them and fails the check.
     */
    static final Duration FAR_OFFSET = Duration.ofMinutes(15);

    /** Moves the timestamp of the TIMESTAMP alteration; inside the window, so only the MAC can reject it. */
    static final Duration SMALL_OFFSET = Duration.ofMinutes(1);

    static final String SIGNATURE_INVALID = "request_signature_invalid";

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final ProbeSession session;

    private final Map<String, String> csrf;

    private final Clock clock;

    SignedRequests(ProbeSession session, Map<String, String> csrf, Clock clock) {
        this.session = session;
        this.csrf = csrf;
        this.clock = clock;
    }

    /**
     * A request as the client means it.
     *
     * @param method GET or POST
     * @param path path on the target, without a query
     * @param body JSON body of a POST, or null
     * @param alteredPath where the PATH alteration sends it instead, or null when the case does not alter its path
     * @param alteredBody what the BODY alteration sends instead, or null
     */
    record ApiRequest(String method, String path, String body, String alteredPath, String alteredBody) {

        String describe() {
            return method + " " + path;
        }
    }

    /**
     * One request as sent, with its response.
     *
     * @param signatureHeader the header sent, or empty when none was
     * @param nonce the nonce the MAC was computed with
     */
    record Sent(ApiRequest request, Alteration alteration, String method, String pathAndQuery, String body,
            Optional<String> signatureHeader, String nonce, ProbeResponse response) {

        /**
         * Returns whether the target discarded the message: Selfcare rejects every bad signature with 401.
         */
        boolean rejected() {
            return response.status() == 401;
        }

        boolean answered() {
            return response.answered();
        }
    }

    /**
     * Signs {@code request}, applies {@code alteration} and sends it.
     */
    Sent send(ApiRequest request, Alteration alteration) {
        Instant now = clock.instant();
        Instant signedAt = switch (alteration) {
            case STALE -> now.minus(FAR_OFFSET);
            case FUTURE -> now.plus(FAR_OFFSET);
            default -> now;
        };
        SessionSigner signer = session.signer();
        String nonce = signer.newNonce();
        String timestamp = SessionSigner.timestamp(signedAt);
        byte[] signedBody = bytes(request.body());
        String header = signer.header(request.method(), session.resolve(request.path()), signedBody, timestamp,
                nonce);

        String method = (alteration == Alteration.METHOD) ? "POST" : request.method();
        String path = switch (alteration) {
            case PATH -> request.alteredPath();
            case QUERY -> request.path() + "?x1470=altered";
            default -> request.path();
        };
        String body = (alteration == Alteration.BODY) ? request.alteredBody() : request.body();
        Optional<String> sentHeader = switch (alteration) {
            case TIMESTAMP -> Optional.of(MessageSignatures.requestHeader(
                    SessionSigner.timestamp(signedAt.minus(SMALL_OFFSET)), nonce, mac(header)));
            case NONCE -> Optional.of(MessageSignatures.requestHeader(timestamp, replaceFirst(nonce), mac(header)));
            case MAC -> Optional.of(MessageSignatures.requestHeader(timestamp, nonce, replaceFirst(mac(header))));
            case MISSING_HEADER -> Optional.empty();
            default -> Optional.of(header);
        };
        return send(request, alteration, method, path, body, sentHeader, nonce);
    }

    /**
     * Sends {@code earlier} again, byte for byte, with the same signature header.
     */
    Sent replay(Sent earlier) {
        return send(earlier.request(), earlier.alteration(), earlier.method(), earlier.pathAndQuery(),
                earlier.body(), earlier.signatureHeader(), earlier.nonce());
    }

    /**
     * Checks the response signature of an unaltered request, which the session did not check because the case
     * built the header itself.
     */
    ResponseSignature responseSignature(Sent sent) {
        return session.signer().check(sent.nonce(), sent.response().status(),
                sent.response().header(MessageSignatures.RESPONSE_HEADER),
                sent.response().body().getBytes(StandardCharsets.UTF_8));
    }

    private Sent send(ApiRequest request, Alteration alteration, String method, String pathAndQuery, String body,
            Optional<String> header, String nonce) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if ("POST".equals(method)) {
            headers.putAll(csrf);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        header.ifPresent((value) -> headers.put(MessageSignatures.REQUEST_HEADER, value));
        ProbeResponse response = session.sendExactly(method, pathAndQuery, headers, body);
        return new Sent(request, alteration, method, pathAndQuery, body, header, nonce, response);
    }

    /**
     * Returns the status and, when the body has one, the error code, such as {@code 401 request_signature_invalid}.
     */
    static String describe(ProbeResponse response) {
        return StepUpApi.describe(response);
    }

    static boolean isSignatureRejection(ProbeResponse response) {
        return response.status() == 401 && SIGNATURE_INVALID.equals(JsonBody.text(response, "code"));
    }

    private static String mac(String header) {
        return MessageSignatures.fields(header).orElseThrow().get("mac");
    }

    /**
     * Replaces the first character with another base64url character. The first one, because a decoder may
     * ignore the unused low bits of the last.
     */
    private static String replaceFirst(String value) {
        char first = value.charAt(0);
        char other = BASE64URL.charAt((BASE64URL.indexOf(first) + 1) % BASE64URL.length());
        return other + value.substring(1);
    }

    private static byte[] bytes(String body) {
        return (body == null) ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }
}
