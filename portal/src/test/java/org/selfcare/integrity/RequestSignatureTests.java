package org.selfcare.integrity;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.RequestSigner;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on signed API requests: every altered part, replays, stale and future timestamps, missing and malformed
 * headers, and requests before the key was fetched. Each must get the same 401 and a security event that names
 * the reason.
 */
@PortalTest
class RequestSignatureTests {

    private static final String STEP_UP_BODY =
            "{\"purpose\": \"call-records\", \"method\": \"service-password\", \"secret\": \"wrong\"}";

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    Subscriber subscriber;

    PortalClient client;

    RequestSigner.Key key;

    @BeforeEach
    void signedInWithKey() {
        subscriber = TestSubscribers.create(directory, accounts);
        client = new PortalClient(port);
        assertThat(client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD).statusCode()).isEqualTo(302);
        key = client.sessionKey();
    }

    @Test
    void signedRequestGetsVerifiedResponse() {
        String nonce = RequestSigner.newNonce();

        HttpResponse<String> response = sendSigned("GET", "/api/v1/me", "", "", now(), nonce);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Test Subscriber");
        assertThat(response.headers().firstValue(RequestSigner.RESPONSE_HEADER)).contains(
                client.signer().responseSignature(key, nonce, 200, response.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signedRequestWithQueryAndBodyIsAccepted() {
        HttpResponse<String> query = sendSigned("GET", "/api/v1/me", "lang=en&x=%20y", "", now(),
                RequestSigner.newNonce());
        HttpResponse<String> body = sendSigned("POST", "/api/v1/stepup/verify", "", STEP_UP_BODY, now(),
                RequestSigner.newNonce());

        assertThat(query.statusCode()).isEqualTo(200);
        // The step-up controller read the same body the signature covered, and rejected the wrong password.
        assertThat(body.statusCode()).isEqualTo(400);
        assertThat(body.body()).contains("The code or service password is not correct");
    }

    @Test
    void alteredMethodIsRejected() {
        String header = sign("POST", "/api/v1/me", "", "", now(), RequestSigner.newNonce());

        assertRejected(sendWithHeader("GET", "/api/v1/me", "", header), "wrong MAC");
    }

    @Test
    void alteredPathIsRejected() {
        String header = sign("GET", "/api/v1/balance", "", "", now(), RequestSigner.newNonce());

        assertRejected(sendWithHeader("GET", "/api/v1/me", "", header), "wrong MAC");
    }

    @Test
    void alteredQueryIsRejected() {
        String header = sign("GET", "/api/v1/calls", "limit=5", "", now(), RequestSigner.newNonce());

        assertRejected(sendWithHeader("GET", "/api/v1/calls?limit=50", "", header), "wrong MAC");
    }

    @Test
    void alteredPercentEncodingIsRejected() {
        String header = sign("GET", "/api/v1/me", "x=%20", "", now(), RequestSigner.newNonce());

        assertRejected(sendWithHeader("GET", "/api/v1/me?x=+", "", header), "wrong MAC");
    }

    @Test
    void alteredBodyIsRejected() {
        String header = sign("POST", "/api/v1/stepup/verify", "", STEP_UP_BODY, now(), RequestSigner.newNonce());

        assertRejected(sendWithHeader("POST", "/api/v1/stepup/verify", STEP_UP_BODY.replace("wrong", "wrung"), header),
                "wrong MAC");
    }

    @Test
    void alteredTimestampIsRejected() {
        long ts = now();
        String header = sign("GET", "/api/v1/me", "", "", ts, RequestSigner.newNonce());

        assertRejected(sendWithHeader("GET", "/api/v1/me", "", header.replace("ts=" + ts, "ts=" + (ts + 1))),
                "wrong MAC");
    }

    @Test
    void alteredNonceIsRejected() {
        String nonce = RequestSigner.newNonce();
        String header = sign("GET", "/api/v1/me", "", "", now(), nonce);
        String otherNonce = RequestSigner.newNonce();

        assertRejected(sendWithHeader("GET", "/api/v1/me", "", header.replace(nonce, otherNonce)), "wrong MAC");
    }

    @Test
    void alteredTagIsRejected() {
        String header = sign("GET", "/api/v1/me", "", "", now(), RequestSigner.newNonce());
        int mac = header.indexOf(";mac=") + 5;
        char first = header.charAt(mac);
        String altered = header.substring(0, mac) + ((first == 'A') ? 'B' : 'A') + header.substring(mac + 1);

        assertRejected(sendWithHeader("GET", "/api/v1/me", "", altered), "wrong MAC");
    }

    @Test
    void tagFromAnotherKeyIsRejected() {
        RequestSigner.Key other = new RequestSigner.Key(key.keyId(), new byte[32]);
        String header = client.signer().sign(other, "GET", "/api/v1/me", null, new byte[0], now(),
                RequestSigner.newNonce());

        assertRejected(sendWithHeader("GET", "/api/v1/me", "", header), "wrong MAC");
    }

    @Test
    void replayIsRejected() {
        String header = sign("GET", "/api/v1/me", "", "", now(), RequestSigner.newNonce());

        HttpResponse<String> first = sendWithHeader("GET", "/api/v1/me", "", header);
        HttpResponse<String> replay = sendWithHeader("GET", "/api/v1/me", "", header);

        assertThat(first.statusCode()).isEqualTo(200);
        assertRejected(replay, "nonce used before");
    }

    @Test
    void nonceReusedOnOtherRequestIsRejected() {
        String nonce = RequestSigner.newNonce();
        assertThat(sendSigned("GET", "/api/v1/me", "", "", now(), nonce).statusCode()).isEqualTo(200);

        assertRejected(sendSigned("GET", "/api/v1/balance", "", "", now(), nonce), "nonce used before");
    }

    @Test
    void nonceRecordedByEarlierNodeIsRejected() {
        // A row written before a restart, or by another node on the same database, counts as a use.
        String nonce = RequestSigner.newNonce();
        jdbc.sql("INSERT INTO request_nonce (session_key_id, nonce, expires_at) VALUES (?, ?, ?)")
                .params(key.keyId(), nonce, Timestamp.from(Instant.now().plusSeconds(240)))
                .update();

        assertRejected(sendSigned("GET", "/api/v1/me", "", "", now(), nonce), "nonce used before");
    }

    @Test
    void staleTimestampIsRejected() {
        assertRejected(sendSigned("GET", "/api/v1/me", "", "", now() - 121, RequestSigner.newNonce()),
                "timestamp older than the request window");
    }

    @Test
    void futureTimestampIsRejected() {
        assertRejected(sendSigned("GET", "/api/v1/me", "", "", now() + 121, RequestSigner.newNonce()),
                "timestamp later than the request window");
    }

    @Test
    void timestampInsideWindowIsAccepted() {
        assertThat(sendSigned("GET", "/api/v1/me", "", "", now() - 100, RequestSigner.newNonce()).statusCode())
                .isEqualTo(200);
        assertThat(sendSigned("GET", "/api/v1/me", "", "", now() + 100, RequestSigner.newNonce()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void missingHeaderIsRejected() {
        assertRejected(client.sendRaw(request("GET", "/api/v1/me", "").build()), "signature header missing");
    }

    @Test
    void malformedHeadersAreRejected() {
        String valid = sign("GET", "/api/v1/me", "", "", now(), RequestSigner.newNonce());
        List<String> malformed = List.of(
                "",
                "v2" + valid.substring(2),
                valid.replace(";ts=", ";ts=x"),
                valid.replaceFirst("nonce=[^;]+", "nonce=short"),
                valid.replaceFirst("nonce=[^;]+", "nonce=" + "n".repeat(65)),
                valid.replaceFirst("nonce=[^;]+", "nonce=abc/def+ghi=jklmnopq"),
                valid + "=",
                valid.substring(0, valid.length() - 1),
                valid + ";extra=1");

        for (String header : malformed) {
            HttpResponse<String> response = sendWithHeader("GET", "/api/v1/me", "", header);
            assertThat(response.statusCode()).as(header).isEqualTo(401);
            assertThat(response.body()).as(header).contains("\"code\":\"request_signature_invalid\"");
        }
        assertThat(lastRejectionReason()).startsWith("signature header malformed");
    }

    @Test
    void twoSignatureHeadersAreRejected() {
        String header = sign("GET", "/api/v1/me", "", "", now(), RequestSigner.newNonce());
        HttpRequest request = request("GET", "/api/v1/me", "")
                .header(RequestSigner.REQUEST_HEADER, header)
                .header(RequestSigner.REQUEST_HEADER, header)
                .build();

        assertRejected(client.sendRaw(request), "signature header malformed");
    }

    @Test
    void requestBeforeKeyFetchIsRejected() {
        Subscriber other = TestSubscribers.create(directory, accounts);
        PortalClient withoutKey = new PortalClient(port);
        withoutKey.signIn(other.msisdn(), TestSubscribers.PASSWORD);
        RequestSigner.Key guessed = new RequestSigner.Key("guessed-key-id-0000", new byte[32]);
        String header = withoutKey.signer().sign(guessed, "GET", "/api/v1/me", null, new byte[0], now(),
                RequestSigner.newNonce());

        HttpResponse<String> response = withoutKey.sendRaw(request("GET", "/api/v1/me", "")
                .header(RequestSigner.REQUEST_HEADER, header)
                .build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"request_signature_invalid\"");
        assertThat(response.headers().firstValue(RequestSigner.RESPONSE_HEADER)).isEmpty();
        assertThat(rejectionReasons(other)).containsExactly("no session key issued: GET /api/v1/me");
    }

    @Test
    void secondKeyFetchAnswers409() {
        HttpResponse<String> second = client.requestSessionKey();

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("\"code\":\"session_key_already_issued\"");
        assertThat(second.body()).doesNotContain("\"key\"");
    }

    @Test
    void keyFetchWithoutCsrfTokenIsForbidden() {
        Subscriber other = TestSubscribers.create(directory, accounts);
        PortalClient noToken = new PortalClient(port);
        noToken.signIn(other.msisdn(), TestSubscribers.PASSWORD);

        HttpResponse<String> response = noToken.sendRaw(HttpRequest.newBuilder(URI.create(noToken.base()
                + "/api/v1/session-key")).POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void keyFetchWithoutSessionAnswers401() {
        assertThat(new PortalClient(port).requestSessionKey().statusCode()).isEqualTo(401);
    }

    @Test
    void keyResponseHasIdAndKey() {
        Subscriber other = TestSubscribers.create(directory, accounts);
        PortalClient fresh = new PortalClient(port);
        fresh.signIn(other.msisdn(), TestSubscribers.PASSWORD);

        HttpResponse<String> response = fresh.requestSessionKey();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).matches(".*\"key\":\"[A-Za-z0-9_-]{43}\".*");
        assertThat(response.body()).contains("\"algorithm\":\"HMAC-SHA256\"");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                (value) -> assertThat(value).contains("no-store"));
        assertThat(jdbc.sql("SELECT count(*) FROM security_event WHERE type = 'SESSION_KEY_ISSUED' "
                + "AND subscriber_id = ?").param(other.id()).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void newSignInStartsWithoutKey() {
        String header = sign("GET", "/api/v1/me", "", "", now(), RequestSigner.newNonce());

        client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        // The new session has no key: the old one no longer signs, and a new one is issued.
        assertRejected(sendWithHeader("GET", "/api/v1/me", "", header), "no session key issued");
        assertThat(client.requestSessionKey().statusCode()).isEqualTo(200);
    }

    @Test
    void unauthenticatedSignedRequestGetsSignInAnswer() {
        PortalClient anonymous = new PortalClient(port);
        String header = anonymous.signer().sign(key, "GET", "/api/v1/me", null, new byte[0], now(),
                RequestSigner.newNonce());

        HttpResponse<String> response = anonymous.sendRaw(request("GET", "/api/v1/me", "")
                .header(RequestSigner.REQUEST_HEADER, header)
                .build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("request_signature_invalid");
    }

    @Test
    void rejectionWithKeyIsSigned() {
        String nonce = RequestSigner.newNonce();

        HttpResponse<String> response = sendSigned("GET", "/api/v1/me", "", "", now() - 500, nonce);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue(RequestSigner.RESPONSE_HEADER)).contains(
                client.signer().responseSignature(key, nonce, 401, response.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rejectionBodyIsPlain() {
        HttpResponse<String> response = client.sendRaw(request("GET", "/api/v1/me", "").build());

        assertThat(response.body()).contains("\"status\":401", "\"errorId\":",
                "\"error\":\"The request could not be verified.");
        assertThat(response.body()).doesNotContain("missing", "Spring", "Exception");
    }

    @Test
    void oversizedBodyIsRejected() {
        String body = "{\"secret\": \"" + "x".repeat(70_000) + "\"}";

        HttpResponse<String> response = sendSigned("POST", "/api/v1/stepup/verify", "", body, now(),
                RequestSigner.newNonce());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void clientSignsAndVerifiesEveryCall() {
        // PortalClient throws when a response signature is missing or wrong.
        assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/v1/balance").statusCode()).isEqualTo(200);
        assertThat(client.stepUp("call-records", TestSubscribers.SERVICE_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(client.get("/api/v1/calls").statusCode()).isEqualTo(200);
    }

    private void assertRejected(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"request_signature_invalid\"");
        assertThat(lastRejectionReason()).startsWith(reason + ":");
    }

    private String lastRejectionReason() {
        List<String> reasons = rejectionReasons(subscriber);
        assertThat(reasons).isNotEmpty();
        return reasons.get(reasons.size() - 1);
    }

    private List<String> rejectionReasons(Subscriber who) {
        return jdbc.sql("SELECT reason FROM security_event WHERE type = 'REQUEST_REJECTED' AND subscriber_id = ? "
                + "ORDER BY id").param(who.id()).query(String.class).list();
    }

    private HttpResponse<String> sendSigned(String method, String path, String query, String body, long ts,
            String nonce) {
        String header = sign(method, path, query, body, ts, nonce);
        return sendWithHeader(method, query.isEmpty() ? path : path + "?" + query, body, header);
    }

    private String sign(String method, String path, String query, String body, long ts, String nonce) {
        return client.signer().sign(key, method, path, query, body.getBytes(StandardCharsets.UTF_8), ts, nonce);
    }

    private HttpResponse<String> sendWithHeader(String method, String pathAndQuery, String body, String header) {
        return client.sendRaw(request(method, pathAndQuery, body).header(RequestSigner.REQUEST_HEADER, header).build());
    }

    private HttpRequest.Builder request(String method, String pathAndQuery, String body) {
        HttpRequest.BodyPublisher publisher = body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HttpRequest.newBuilder(URI.create(client.base() + pathAndQuery))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", client.csrfToken())
                .method(method, publisher);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
