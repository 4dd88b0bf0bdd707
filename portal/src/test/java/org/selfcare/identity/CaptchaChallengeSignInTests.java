package org.selfcare.identity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.support.PortalClient;
import org.selfcare.support.TestClamd;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Sign-in against a portal with no CAPTCHA test key, the default: the code in the picture must be solved. The
 * tests read each generated answer through a spy on the answer generator, where a user would read the picture.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "selfcare.http-port=0", "selfcare.operator.port=0" })
@Import(TestClamd.class)
class CaptchaChallengeSignInTests {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @MockitoSpyBean
    CaptchaAnswers answers;

    @MockitoSpyBean
    SecurityLog securityLog;

    final AtomicReference<String> lastAnswer = new AtomicReference<>();

    PortalClient client;

    Subscriber subscriber;

    @BeforeEach
    void recordAnswers() {
        doAnswer((invocation) -> {
            String answer = (String) invocation.callRealMethod();
            lastAnswer.set(answer);
            return answer;
        }).when(answers).next();
        client = new PortalClient(port);
        subscriber = TestSubscribers.create(directory, accounts);
    }

    @Test
    void solvedCodeSignsIn() {
        String token = client.csrfToken();

        HttpResponse<String> response = client.postForm("/signin", Map.of("msisdn", subscriber.msisdn(),
                "password", TestSubscribers.PASSWORD, "captcha", lastAnswer.get()), token);

        assertThat(location(response)).doesNotContain("failed");
        assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(200);
    }

    @Test
    void lowerCaseAnswerSignsIn() {
        String token = client.csrfToken();

        HttpResponse<String> response = client.postForm("/signin", Map.of("msisdn", subscriber.msisdn(),
                "password", TestSubscribers.PASSWORD, "captcha", lastAnswer.get().toLowerCase()), token);

        assertThat(location(response)).doesNotContain("failed");
    }

    @Test
    void answerToRefreshedPictureSignsIn() {
        String token = client.csrfToken();
        client.getBytes("/signin/captcha");
        client.getBytes("/signin/captcha?refresh=1");

        HttpResponse<String> response = client.postForm("/signin", Map.of("msisdn", subscriber.msisdn(),
                "password", TestSubscribers.PASSWORD, "captcha", lastAnswer.get()), token);

        assertThat(location(response)).doesNotContain("failed");
    }

    @Test
    void answerToReplacedPictureIsRejected() {
        String token = client.csrfToken();
        String pageAnswer = lastAnswer.get();
        client.getBytes("/signin/captcha");
        client.getBytes("/signin/captcha?refresh=1");

        HttpResponse<String> response = client.postForm("/signin", Map.of("msisdn", subscriber.msisdn(),
                "password", TestSubscribers.PASSWORD, "captcha", pageAnswer), token);

        // The refreshed code could equal the page's by chance, once in 31^5 runs.
        assertThat(location(response)).endsWith("/signin?failed");
    }

    @Test
    void guessedTestKeyIsRejected() {
        HttpResponse<String> response = client.postForm("/signin", Map.of("msisdn", subscriber.msisdn(),
                "password", TestSubscribers.PASSWORD, "captcha", PortalClient.CAPTCHA_TEST_KEY));

        assertThat(location(response)).endsWith("/signin?failed");
        assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    void wrongCodeIsRecorded() {
        client.postForm("/signin", Map.of("msisdn", subscriber.msisdn(), "password", TestSubscribers.PASSWORD,
                "captcha", "WRONG"));

        verify(securityLog).record(argThat((event) -> isCaptchaFailure(event, "wrong code")));
    }

    @Test
    void missingCodeIsRecorded() {
        client.postForm("/signin", Map.of("msisdn", subscriber.msisdn(), "password", TestSubscribers.PASSWORD));

        verify(securityLog).record(argThat((event) -> isCaptchaFailure(event, "no code sent")));
    }

    @Test
    void solvedCodeIsNotRecordedAsFailure() {
        String token = client.csrfToken();
        client.postForm("/signin", Map.of("msisdn", subscriber.msisdn(), "password", TestSubscribers.PASSWORD,
                "captcha", lastAnswer.get()), token);

        verify(securityLog, never()).record(argThat((event) -> event.type() == SecurityEventType.CAPTCHA_FAILED
                && subscriber.msisdn().equals(event.identifier())));
    }

    @Test
    void replayedSuccessfulSignInIsRejected() throws Exception {
        CapturedSignIn captured = captureSignIn(TestSubscribers.PASSWORD);
        HttpResponse<String> original = captured.send();

        HttpResponse<String> replay = captured.send();

        assertThat(signedIn(original)).isTrue();
        assertThat(signedIn(replay)).as("replay signed in: %s", location(replay)).isFalse();
    }

    @Test
    void replayedFailedSignInFailsOnUsedCode() throws Exception {
        CapturedSignIn captured = captureSignIn("Not-The-Password-1!");
        captured.send();

        HttpResponse<String> replay = captured.send();

        assertThat(location(replay)).endsWith("/signin?failed");
        verify(securityLog).record(
                argThat((event) -> isCaptchaFailure(event, CaptchaVerification.NO_CHALLENGE.reason())));
    }

    private boolean isCaptchaFailure(SecurityEvent event, String reason) {
        return event.type() == SecurityEventType.CAPTCHA_FAILED && subscriber.msisdn().equals(event.identifier())
                && reason.equals(event.reason());
    }

    private static boolean signedIn(HttpResponse<String> response) {
        return response.statusCode() == 302 && !location(response).contains("failed");
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no Location header, status "
                + response.statusCode() + ")");
    }

    /**
     * Loads the sign-in page with a client that keeps no cookies, and builds the form post with the solved
     * code, so the very same request, body and cookie, can be sent twice.
     */
    private CapturedSignIn captureSignIn(String password) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PortalClient.trustingPortalCertificate())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/signin"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        assertThat(csrf.find()).as("CSRF field on the sign-in page").isTrue();

        String body = "msisdn=" + encode(subscriber.msisdn()) + "&password=" + encode(password) + "&captcha="
                + encode(lastAnswer.get()) + "&_csrf=" + encode(csrf.group(1));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return new CapturedSignIn(http, request);
    }

    private String base() {
        return "https://localhost:" + port;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record CapturedSignIn(HttpClient http, HttpRequest request) {

        HttpResponse<String> send() throws IOException, InterruptedException {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
