package org.selfcare.identity;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.selfcare.account.Accounts;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;

@PortalTest
class SingleSessionTests {

    private static final String ELSEWHERE = "signed in elsewhere";

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @MockitoSpyBean
    SecurityLog securityLog;

    Subscriber subscriber;

    PortalClient first;

    PortalClient second;

    @BeforeEach
    void subscriberAndTwoClients() {
        subscriber = TestSubscribers.create(directory, accounts);
        first = new PortalClient(port);
        second = new PortalClient(port);
    }

    @Test
    void secondSignInEndsFirstApiSession() {
        signIn(first);
        assertThat(first.get("/api/v1/me").statusCode()).isEqualTo(200);

        signIn(second);
        HttpResponse<String> response = first.get("/api/v1/me");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains(ELSEWHERE);
        assertThat(response.body()).contains("\"reason\":\"SIGNED_IN_ELSEWHERE\"");
    }

    @Test
    void endedPageSessionRedirectsWithMessage() {
        signIn(first);
        signIn(second);

        HttpResponse<String> page = first.getPage("/");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/signin?elsewhere"));
        assertThat(first.getPage("/signin?elsewhere").body()).contains(ELSEWHERE);
    }

    @Test
    void newestSessionKeepsWorking() {
        signIn(first);
        signIn(second);
        first.get("/api/v1/me");

        assertThat(second.get("/api/v1/me").statusCode()).isEqualTo(200);
        assertThat(second.getPage("/").statusCode()).isEqualTo(200);
    }

    @Test
    void endedSessionIsDeletedFromStore() {
        signIn(first);
        assertThat(sessionRows()).isEqualTo(1);

        signIn(second);

        assertThat(sessionRows()).isEqualTo(1);
        assertThat(second.get("/api/v1/me").statusCode()).isEqualTo(200);
    }

    @Test
    void endedSessionIsRecorded() {
        signIn(first);
        signIn(second);

        ArgumentCaptor<SecurityEvent> events = ArgumentCaptor.forClass(SecurityEvent.class);
        verify(securityLog, atLeastOnce()).record(events.capture());
        // Sign-ins record events of their own; exactly one event says a session was ended.
        assertThat(events.getAllValues()).filteredOn((event) -> subscriber.id() == event.subscriberId())
                .extracting(SecurityEvent::type)
                .containsOnlyOnce(SecurityEventType.SESSION_ENDED_BY_NEWER_SIGN_IN);
    }

    @Test
    void storedSessionTimesOutAfter15Minutes() {
        signIn(first);

        int maxInactiveSeconds = jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE principal_name = ?")
                .param(subscriber.msisdnE164())
                .query(Integer.class)
                .single();

        assertThat(maxInactiveSeconds).isEqualTo(15 * 60);
    }

    @Test
    void signInAgainOnSameClientKeepsIt() {
        signIn(first);
        signIn(first);

        assertThat(first.get("/api/v1/me").statusCode()).isEqualTo(200);
        assertThat(sessionRows()).isEqualTo(1);
    }

    @Test
    void signInChangesSessionId() {
        String before = sessionCookie(first.getPage("/signin"));

        String after = sessionCookie(signIn(first));

        assertThat(before).isNotNull();
        assertThat(after).isNotNull();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void unknownSessionCookieGetsPlainRedirect() {
        String unknown = Base64.getEncoder()
                .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> page = first.send(withCookie("/", unknown, "text/html"));
        HttpResponse<String> api = first.send(withCookie("/api/v1/me", unknown, "application/json"));

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/signin"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).doesNotContain(ELSEWHERE);
    }

    @Test
    void signOutEndsSessionWithoutMessage() {
        signIn(first);

        HttpResponse<String> signOut = first.postForm("/signout", Map.of());

        assertThat(signOut.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/signin?signedout"));
        assertThat(sessionRows()).isZero();
        HttpResponse<String> api = first.get("/api/v1/me");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).doesNotContain(ELSEWHERE);
    }

    @Test
    void endedSessionNoticeLastsUntilTimeout() {
        EndedSessions now = new EndedSessions(jdbc, clock);
        EndedSessions later = new EndedSessions(jdbc, Clock.offset(clock, Duration.ofMinutes(16)));
        String sessionId = UUID.randomUUID().toString();

        now.add(sessionId, subscriber.id(), Instant.now(clock).plus(Duration.ofMinutes(15)));

        assertThat(now.wasEndedByNewerSignIn(sessionId)).isTrue();
        assertThat(later.wasEndedByNewerSignIn(sessionId)).isFalse();
        assertThat(now.wasEndedByNewerSignIn(UUID.randomUUID().toString())).isFalse();
    }

    private HttpResponse<String> signIn(PortalClient client) {
        HttpResponse<String> response = client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);
        assertThat(response.headers().firstValue("Location")).as("sign-in redirect")
                .hasValueSatisfying((location) -> assertThat(location).doesNotContain("failed"));
        return response;
    }

    private long sessionRows() {
        return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?")
                .param(subscriber.msisdnE164())
                .query(Long.class)
                .single();
    }

    private HttpRequest withCookie(String path, String sessionCookie, String accept) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("Accept", accept)
                .header("Cookie", "__Host-SELFCARE=" + sessionCookie)
                .GET()
                .build();
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers()
                .allValues("Set-Cookie")
                .stream()
                .filter((cookie) -> cookie.startsWith("__Host-SELFCARE="))
                .map((cookie) -> cookie.substring("__Host-SELFCARE=".length(), cookie.indexOf(';')))
                .findFirst()
                .orElse(null);
    }
}
