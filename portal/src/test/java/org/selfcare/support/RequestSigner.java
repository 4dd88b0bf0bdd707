package org.selfcare.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client side of signed API messages, written from the header format rather than from the portal's classes,
 * so a test fails when the two disagree. Requests carry
 * {@code X-Selfcare-Signature: v1;ts=<unix seconds>;nonce=<nonce>;mac=<base64url HMAC-SHA256>} and responses
 * {@code X-Selfcare-Response-Signature: v1;nonce=<request nonce>;mac=<base64url HMAC-SHA256>}.
 */
public final class RequestSigner {

    public static final String REQUEST_HEADER = "X-Selfcare-Signature";

    public static final String RESPONSE_HEADER = "X-Selfcare-Response-Signature";

    private static final SecureRandom random = new SecureRandom();

    /**
     * A session key as {@code POST /api/v1/session-key} returns it.
     */
    public record Key(String keyId, byte[] key) {

        static Key fromJson(String json) {
            JsonNode node = JsonMapper.builder().build().readTree(json);
            return new Key(node.get("keyId").asString(), Base64.getUrlDecoder().decode(node.get("key").asString()));
        }
    }

    /**
     * Returns the request header value for the given parts, exactly as the portal's pages compute it.
     */
    public String sign(Key key, String method, String rawPath, String rawQuery, byte[] body, long timestamp,
            String nonce) {
        String lines = String.join("\n", "v1", method, rawPath, (rawQuery == null) ? "" : rawQuery, sha256Hex(body),
                Long.toString(timestamp), nonce);
        return "v1;ts=" + timestamp + ";nonce=" + nonce + ";mac=" + encode(hmac(key.key(), lines));
    }

    /**
     * Checks the response signature of a signed request's response, and throws when it is missing on a success
     * or does not match. Responses that Spring Security writes before the check of signatures (401 and 403) carry
     * none.
     */
    public void verifyResponse(Key key, String nonce, HttpResponse<String> response) {
        String header = response.headers().firstValue(RESPONSE_HEADER).orElse(null);
        if (header == null) {
            if (response.statusCode() < 400) {
                throw new IllegalStateException("Response " + response.statusCode() + " to " + response.uri()
                        + " has no " + RESPONSE_HEADER + " header");
            }
            return;
        }
        if (!header.equals(responseSignature(key, nonce, response.statusCode(),
                response.body().getBytes(StandardCharsets.UTF_8)))) {
            throw new IllegalStateException("Response " + response.statusCode() + " to " + response.uri()
                    + " has a wrong signature: " + header);
        }
    }

    public String responseSignature(Key key, String nonce, int status, byte[] body) {
        String lines = String.join("\n", "v1", Integer.toString(status), nonce, sha256Hex(body));
        return "v1;nonce=" + nonce + ";mac=" + encode(hmac(key.key(), lines));
    }

    /** Returns a random nonce of 22 base64url characters. */
    public static String newNonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return encode(bytes);
    }

    /**
     * Returns the bytes a request's body publisher would send, or none when it has no body.
     */
    static byte[] bodyOf(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(out.toByteArray());
            }
        });
        try {
            return done.get(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a request body", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Cannot read the body of " + request.uri(), ex);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hmac(byte[] key, String lines) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(lines.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
