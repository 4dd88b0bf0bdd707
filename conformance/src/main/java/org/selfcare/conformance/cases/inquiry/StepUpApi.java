package org.selfcare.conformance.cases.inquiry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * Selfcare's second authentication ("step-up") API as one signed-in session uses it: request an SMS code for a
 * purpose, and verify a code to get a proof for that purpose.
 */
final class StepUpApi {

    static final String CALL_RECORDS = "call-records";

    /** A purpose other than call records, to check that its proof does not open them. */
    static final String OTHER_PURPOSE = "payments";

    static final String CODE_PATH = "/api/v1/stepup/code";

    static final String VERIFY_PATH = "/api/v1/stepup/verify";

    static final String CALLS_API = "/api/v1/calls";

    static final String CALLS_PAGE = "/calls";

    static final String STEP_UP_PAGE = "/stepup";

    /** Longest Retry-After the kit waits out once before it gives up on a code request. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final ProbeSession session;

    private final Map<String, String> csrf;

    private final Optional<TargetProfile.Captcha> captcha;

    StepUpApi(ProbeSession session, Map<String, String> csrf, Optional<TargetProfile.Captcha> captcha) {
        this.session = session;
        this.csrf = csrf;
        this.captcha = captcha;
    }

    /**
     * Requests an SMS code for {@code purpose}. The first request of a session needs no CAPTCHA answer; when the
     * target asks for one, the request is sent again with the profile's CAPTCHA test key, if it has one. A
     * rate limit with a Retry-After of at most a minute is waited out once.
     */
    ProbeResponse requestCode(String purpose) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("purpose", purpose);
        ProbeResponse response = post(CODE_PATH, body);
        if (response.status() == 400 && "captcha_required".equals(JsonBody.text(response, "code"))
                && captcha.isPresent()) {
            body.put("captcha", captcha.get().testKey());
            response = post(CODE_PATH, body);
        }
        if (response.status() == 429) {
            Optional<Duration> wait = retryAfter(response);
            if (wait.isPresent() && wait.get().compareTo(MAX_RETRY_AFTER) <= 0 && sleep(wait.get())) {
                response = post(CODE_PATH, body);
            }
        }
        return response;
    }

    ProbeResponse verifyCode(String purpose, String code) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("purpose", purpose);
        body.put("method", "sms-code");
        body.put("secret", code);
        return post(VERIFY_PATH, body);
    }

    ProbeResponse callsApi() {
        return session.get(CALLS_API, Map.of("Accept", "application/json"));
    }

    ProbeResponse callsPage() {
        return session.get(CALLS_PAGE);
    }

    private ProbeResponse post(String path, Map<String, String> body) {
        return session.postJson(path, csrf, JsonBody.write(body));
    }

    static boolean isSuccess(ProbeResponse response) {
        return response.status() >= 200 && response.status() < 300;
    }

    /**
     * Returns the status and, when the body has one, the error code, such as {@code 403 step_up_required}.
     */
    static String describe(ProbeResponse response) {
        if (!response.answered()) {
            return "no response (" + response.error().orElse("unknown error") + ")";
        }
        String code = JsonBody.text(response, "code");
        String location = response.header("location").map((value) -> " to " + value).orElse("");
        return "status " + response.status() + (code.isEmpty() ? "" : " " + code) + location;
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
