package org.selfcare.conformance.cases.inquiry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.subscriber.CodeRequests;
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

    static final String CODE_PATH = CodeRequests.CODE_PATH;

    static final String VERIFY_PATH = "/api/v1/stepup/verify";

    static final String CALLS_API = "/api/v1/calls";

    static final String CALLS_PAGE = "/calls";

    static final String STEP_UP_PAGE = "/stepup";

    private final ProbeSession session;

    private final Map<String, String> csrf;

    private final Optional<TargetProfile.Captcha> captcha;

    StepUpApi(ProbeSession session, Map<String, String> csrf, Optional<TargetProfile.Captcha> captcha) {
        this.session = session;
        this.csrf = csrf;
        this.captcha = captcha;
    }

    /**
     * Requests an SMS code for {@code purpose}, with the CAPTCHA test key and after a short rate limit when
     * needed.
     */
    ProbeResponse requestCode(String purpose) {
        return new CodeRequests(session, csrf, captcha).request(Map.of("purpose", purpose));
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
}
