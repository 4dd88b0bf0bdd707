package org.selfcare.conformance.cases.subscriber;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * Requests SMS codes of Selfcare's second authentication ({@code POST /api/v1/stepup/code}) as the step-up
 * page does: with the CAPTCHA test key when the target asks for an answer, and once more after a short rate
 * limit.
 */
public final class CodeRequests {

    public static final String CODE_PATH = "/api/v1/stepup/code";

    /** Longest Retry-After the kit waits out once before it gives up on a code request. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final ProbeSession session;

    private final Map<String, String> csrf;

    private final Optional<TargetProfile.Captcha> captcha;

    public CodeRequests(ProbeSession session, Map<String, String> csrf, Optional<TargetProfile.Captcha> captcha) {
        this.session = session;
        this.csrf = csrf;
        this.captcha = captcha;
    }

    /**
     * Requests a code for the operation the target named in its {@code step_up_required} response.
     */
    public ProbeResponse forOperation(String purpose, String operationId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("purpose", purpose);
        body.put("operation", operationId);
        return request(body);
    }

    /**
     * Sends a code request with {@code body}. The first request of a session needs no CAPTCHA answer; when the
     * target asks for one, the request is sent again with the profile's CAPTCHA test key, if it has one. A
     * rate limit with a Retry-After of at most a minute is waited out once.
     */
    public ProbeResponse request(Map<String, String> body) {
        Map<String, String> sent = new LinkedHashMap<>(body);
        ProbeResponse response = post(sent);
        if (response.status() == 400 && "captcha_required".equals(JsonBody.text(response, "code"))
                && captcha.isPresent()) {
            sent.put("captcha", captcha.get().testKey());
            response = post(sent);
        }
        if (response.status() == 429) {
            Optional<Duration> wait = retryAfter(response);
            if (wait.isPresent() && wait.get().compareTo(MAX_RETRY_AFTER) <= 0 && sleep(wait.get())) {
                response = post(sent);
            }
        }
        return response;
    }

    private ProbeResponse post(Map<String, String> body) {
        return session.postJson(CODE_PATH, csrf, JsonBody.write(body));
    }

    private static Optional<Duration> retryAfter(ProbeResponse response) {
        try {
            return response.header("retry-after").map(String::trim).map(Long::parseLong).map(Duration::ofSeconds);
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
