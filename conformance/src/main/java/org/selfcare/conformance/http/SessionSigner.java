package org.selfcare.conformance.http;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signing half of one kit session: the session key the target issued, and the signatures made and checked
 * with it. The key never leaves this object; cases that build altered requests ask it for signature headers.
 * Thread-safe, because some cases send requests in parallel.
 */
public final class SessionSigner {

    /** Path of the request that fetches the session key, once per sign-in. The request itself is not signed. */
    public static final String SESSION_KEY_PATH = "/api/v1/session-key";

    static final String API_PREFIX = "/api/v1/";

    /** 24 random bytes make a 32-character base64url nonce, inside the 16 to 64 characters allowed. */
    private static final int NONCE_BYTES = 24;

    private final SecureRandom random = new SecureRandom();

    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    private volatile byte[] key;

    private volatile SigningStatus status = SigningStatus.NOT_STARTED;

    public SigningStatus status() {
        return status;
    }

    public boolean isSigning() {
        return status == SigningStatus.SIGNING;
    }

    void reset() {
        this.key = null;
        this.status = SigningStatus.NOT_STARTED;
    }

    void start(byte[] sessionKey) {
        this.key = sessionKey.clone();
        this.status = SigningStatus.SIGNING;
    }

    void stop(SigningStatus reason, String note) {
        this.status = reason;
        notes.add(note);
    }

    /**
     * Returns whether a request must carry a signature: every {@code /api/v1} request of a session that has
     * a key, except the request that fetches the key.
     */
    public boolean covers(String method, URI uri) {
        String path = Optional.ofNullable(uri.getRawPath()).orElse("");
        boolean keyRequest = "POST".equals(method) && SESSION_KEY_PATH.equals(path);
        return isSigning() && path.startsWith(API_PREFIX) && !keyRequest;
    }

    /**
     * Returns a fresh nonce: 24 random bytes in base64url.
     */
    public String newNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return MessageSignatures.base64Url(bytes);
    }

    public static String timestamp(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }

    /**
     * Returns the {@code X-Selfcare-Signature} value for a request with these parts, so a case can sign one
     * request and send another.
     *
     * @throws IllegalStateException when the session has no key
     */
    public String header(String method, URI uri, byte[] body, String timestamp, String nonce) {
        byte[] sessionKey = key;
        if (sessionKey == null) {
            throw new IllegalStateException("This session has no session key, so it cannot sign requests; sign in first");
        }
        String query = Optional.ofNullable(uri.getRawQuery()).orElse("");
        String mac = MessageSignatures.requestMac(sessionKey, method, uri.getRawPath(), query, body, timestamp,
                nonce);
        return MessageSignatures.requestHeader(timestamp, nonce, mac);
    }

    /**
     * Checks the response to a request the session signed with {@code requestNonce}.
     */
    public ResponseSignature check(String requestNonce, int status, Optional<String> header, byte[] body) {
        if (header.isEmpty()) {
            return ResponseSignature.MISSING;
        }
        Optional<Map<String, String>> fields = MessageSignatures.fields(header.get());
        if (fields.isEmpty() || !fields.get().containsKey("nonce") || !fields.get().containsKey("mac")) {
            return ResponseSignature.MALFORMED;
        }
        if (!requestNonce.equals(fields.get().get("nonce"))) {
            return ResponseSignature.WRONG_NONCE;
        }
        String expected = MessageSignatures.responseMac(key, status, requestNonce, body);
        return MessageSignatures.sameMac(expected, fields.get().get("mac")) ? ResponseSignature.VALID
                : ResponseSignature.WRONG_MAC;
    }

    void problem(String text) {
        problems.add(text);
    }

    void note(String text) {
        notes.add(text);
    }

    /**
     * Returns the responses to signed requests that carried no valid signature, and clears the list, so each is
     * reported once.
     */
    public List<String> takeProblems() {
        synchronized (problems) {
            List<String> reported = List.copyOf(problems);
            problems.clear();
            return reported;
        }
    }

    /**
     * Returns what the session noted about signing, such as a target that issues no session key.
     */
    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }
}
