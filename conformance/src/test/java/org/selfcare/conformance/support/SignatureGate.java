package org.selfcare.conformance.support;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.selfcare.conformance.support.ContractPortal.Flaw;

/**
 * The stand-in portal's check of {@code X-Selfcare-Signature}. It keeps the contract unless a flaw says
 * otherwise. A flaw that ignores one part accepts a MAC made over any plausible value of that part, as a server
 * whose check skips the part would accept the kit's alteration of it.
 */
final class SignatureGate {

    static final String HEADER = "X-Selfcare-Signature";

    static final long WINDOW_SECONDS = 120;

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private static final List<String> PATHS = List.of("/api/v1/me", "/api/v1/balance", "/api/v1/payments",
            "/api/v1/calls", "/api/v1/stepup/code", "/api/v1/stepup/verify");

    /** The key and the signature history of one stand-in session. */
    static final class State {

        volatile byte[] key;

        final Set<String> nonces = ConcurrentHashMap.newKeySet();

        final List<String> bodyDigests = new CopyOnWriteArrayList<>(List.of(ContractSignatures.sha256Hex(new byte[0])));
    }

    /**
     * The outcome: accepted with the nonce to sign the response with (empty when accepted without a header),
     * or rejected with the reason the portal would record in its security event.
     */
    record Decision(boolean accepted, Optional<String> nonce, String reason) {
    }

    private final Set<Flaw> flaws;

    SignatureGate(Set<Flaw> flaws) {
        this.flaws = flaws;
    }

    Decision check(String method, URI uri, byte[] body, String header, State state) {
        if (header == null) {
            return flaws.contains(Flaw.ACCEPTS_UNSIGNED) ? new Decision(true, Optional.empty(), "")
                    : reject("missing header");
        }
        Map<String, String> fields = fields(header);
        String timestamp = fields.get("ts");
        String nonce = fields.get("nonce");
        String mac = fields.get("mac");
        if (!header.startsWith("v1;") || timestamp == null || nonce == null || mac == null
                || !NONCE.matcher(nonce).matches() || !timestamp.matches("[0-9]{1,12}")) {
            return reject("malformed header");
        }
        byte[] key = state.key;
        if (key == null) {
            return reject("no session key issued");
        }
        long age = Instant.now().getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(age) > WINDOW_SECONDS && !flaws.contains(Flaw.ACCEPTS_STALE)) {
            return reject("timestamp outside the window");
        }
        String digest = ContractSignatures.sha256Hex(body);
        String[] lines = { method, uri.getRawPath(), Optional.ofNullable(uri.getRawQuery()).orElse(""), digest,
            timestamp, nonce };
        if (!flaws.contains(Flaw.ACCEPTS_ANY_MAC) && !macMatches(key, lines, mac, state)) {
            return reject("wrong MAC");
        }
        if (!flaws.contains(Flaw.ACCEPTS_REPLAY) && !state.nonces.add(nonce)) {
            return reject("nonce seen before");
        }
        state.bodyDigests.add(digest);
        return new Decision(true, Optional.of(nonce), "");
    }

    private boolean macMatches(byte[] key, String[] lines, String mac, State state) {
        for (String[] candidate : candidates(lines, state)) {
            if (ContractSignatures.same(ContractSignatures.requestMac(key, candidate), mac)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the request lines to try: the real ones, and for each ignored part the same lines with that part
     * replaced by each value a client could have signed.
     */
    private List<String[]> candidates(String[] lines, State state) {
        List<String[]> candidates = new ArrayList<>();
        candidates.add(lines);
        if (flaws.contains(Flaw.IGNORES_METHOD)) {
            METHODS.forEach((method) -> candidates.add(replaced(lines, 0, method)));
        }
        if (flaws.contains(Flaw.IGNORES_PATH)) {
            PATHS.forEach((path) -> candidates.add(replaced(lines, 1, path)));
        }
        if (flaws.contains(Flaw.IGNORES_QUERY)) {
            candidates.add(replaced(lines, 2, ""));
        }
        if (flaws.contains(Flaw.IGNORES_BODY)) {
            state.bodyDigests.forEach((digest) -> candidates.add(replaced(lines, 3, digest)));
        }
        if (flaws.contains(Flaw.IGNORES_TIMESTAMP)) {
            long timestamp = Long.parseLong(lines[4]);
            for (long other = timestamp - WINDOW_SECONDS; other <= timestamp + WINDOW_SECONDS; other++) {
                candidates.add(replaced(lines, 4, Long.toString(other)));
            }
        }
        if (flaws.contains(Flaw.IGNORES_NONCE)) {
            for (char first : BASE64URL.toCharArray()) {
                candidates.add(replaced(lines, 5, first + lines[5].substring(1)));
            }
        }
        return candidates;
    }

    private static String[] replaced(String[] lines, int index, String value) {
        String[] copy = lines.clone();
        copy[index] = value;
        return copy;
    }

    private static Map<String, String> fields(String header) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String part : header.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                fields.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
            }
        }
        return fields;
    }

    private static Decision reject(String reason) {
        return new Decision(false, Optional.empty(), reason);
    }
}
