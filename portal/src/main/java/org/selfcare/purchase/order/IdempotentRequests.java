package org.selfcare.purchase.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs a request at most once per subscriber and idempotency key. The key is claimed by inserting its row in the
 * transaction that does the work, so a second request with the same key waits on the row until the first
 * commits, then returns the first one's stored response; when the first fails and rolls back, nothing is
 * stored and the second runs. Only successful responses are stored, because a refused request changed nothing.
 */
@Component
class IdempotentRequests {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    /** The kind of request a key belongs to. The same key may be used once in each scope. */
    enum Scope {
        ORDER, PAYMENT
    }

    /**
     * A response to return, and whether it is the stored response of an earlier request.
     */
    record Response(int status, String body, boolean replayed) {
    }

    private final JdbcClient jdbc;

    private final PurchaseProperties properties;

    private final Clock clock;

    IdempotentRequests(JdbcClient jdbc, PurchaseProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Checks the key's form.
     *
     * @throws OrderRefusedException {@code idempotency_key_required} when it is missing or malformed
     */
    static String checked(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw OrderRefusedException.badRequest("idempotency_key_required", "idempotency-key");
        }
        return key;
    }

    /**
     * Runs {@code work} unless the key was used before, and stores its response with the hash of the request.
     *
     * @param content the request's content: the same key with other content is refused
     * @throws OrderRefusedException {@code idempotency_key_reused} when the key came with other content
     */
    @Transactional
    Response run(long subscriberId, Scope scope, String key, byte[] content, Supplier<Response> work) {
        byte[] hash = sha256(content);
        int claimed = jdbc.sql("""
                INSERT INTO idempotency_key (subscriber_id, scope, key, request_sha256, response_status, response_body,
                                             created_at)
                VALUES (?, ?, ?, ?, 0, '', ?) ON CONFLICT DO NOTHING""")
                .params(subscriberId, scope.name(), key, hash, Timestamp.from(clock.instant()))
                .update();
        if (claimed == 0) {
            return earlier(subscriberId, scope, key, hash);
        }
        Response response = work.get();
        jdbc.sql("""
                UPDATE idempotency_key SET response_status = ?, response_body = ?
                WHERE subscriber_id = ? AND scope = ? AND key = ?""")
                .params(response.status(), response.body(), subscriberId, scope.name(), key)
                .update();
        return response;
    }

    /**
     * Returns the stored response of a key that an earlier request completed, without running anything, so a
     * repeat gets its first response before the checks that its first run passed.
     *
     * @return the earlier response, or empty when the key is new or its first request has not committed yet
     * @throws OrderRefusedException {@code idempotency_key_reused} when the key came with other content
     */
    Optional<Response> completed(long subscriberId, Scope scope, String key, byte[] content) {
        byte[] hash = sha256(content);
        return stored(subscriberId, scope, key).map((earlier) -> {
            if (!MessageDigest.isEqual(earlier.hash(), hash)) {
                throw OrderRefusedException.conflict("idempotency_key_reused", "idempotency-key-reused");
            }
            return earlier.response();
        });
    }

    /**
     * Deletes keys older than the retention, after which a key can be used again.
     */
    @Transactional
    int forgetOld() {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < ?")
                .param(Timestamp.from(clock.instant().minus(properties.idempotencyKeyRetention())))
                .update();
    }

    private Response earlier(long subscriberId, Scope scope, String key, byte[] hash) {
        return stored(subscriberId, scope, key).filter((earlier) -> MessageDigest.isEqual(earlier.hash(), hash))
                .map(Stored::response)
                .orElseThrow(() -> OrderRefusedException.conflict("idempotency_key_reused", "idempotency-key-reused"));
    }

    private Optional<Stored> stored(long subscriberId, Scope scope, String key) {
        return jdbc.sql("""
                SELECT request_sha256, response_status, response_body FROM idempotency_key
                WHERE subscriber_id = ? AND scope = ? AND key = ?""")
                .params(subscriberId, scope.name(), key)
                .query((row, rowNumber) -> new Stored(row.getBytes("request_sha256"),
                        new Response(row.getInt("response_status"), row.getString("response_body"), true)))
                .optional();
    }

    /** A stored key's request hash and first response. */
    private record Stored(byte[] hash, Response response) {
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

    static byte[] concat(String first, byte[] second) {
        byte[] head = (first + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + second.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(second, 0, all, head.length, second.length);
        return all;
    }
}
