package org.selfcare.conformance.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.cases.web.WebSite.Flaw;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.conformance.support.CaseRunner;
import org.selfcare.conformance.support.ProfileFiles;

class KnownWebVulnerabilitiesCaseTest {

    private static final String SIGN_IN = """
            type: form-login
            name: web test site
            sign-in:
              page: /signin
              username-field: username
              password-field: password
              success:
                redirect-contains: /account
              failure:
                redirect-contains: /signin?error
            protected-path: /account
            lockout:
              max-failures: 3
            timeout: PT5S
            """;

    private static final String ACCOUNT = """
            accounts:
              - username: alice
                password: Str0ng-Passw0rd!
            """;

    private static final String UPLOAD = """
            upload:
              page: /upload
              field: document
            """;

    @TempDir
    Path folder;

    @Test
    void cleanSiteNeedsReview() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD);

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.REVIEW);
        assertThat(result.reason()).isEqualTo(KnownWebVulnerabilitiesCase.REVIEW_REASON);
    }

    @Test
    void cleanSiteNotesDocumentReview() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD);

        assertThat(result.findings()).anyMatch((line) -> line.startsWith("NOTE:")
                && line.contains("patch and anti-virus routine"));
    }

    @Test
    void cleanSiteRecordsExchanges() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD);

        assertThat(result.evidence()).hasSizeGreaterThan(30);
    }

    @Test
    void echoedMarkerFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.ECHOES_USERNAME);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("cross-site scripting");
        assertThat(result.reason()).contains("'username'");
    }

    @Test
    void databaseErrorFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.DATABASE_ERROR);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("SQL injection");
        assertThat(result.reason()).contains("syntax error at or near");
    }

    @Test
    void uncheckedCsrfTokenFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.UNCHECKED_CSRF_TOKEN);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("CSRF");
        assertThat(result.reason()).contains("does not check the token");
    }

    @Test
    void serverVersionFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.SERVER_VERSION);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("Server: Apache/2.4.1");
    }

    @Test
    void poweredByVersionFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.POWERED_BY_VERSION);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("X-Powered-By: PHP/7.1");
    }

    @Test
    void directoryListingFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.DIRECTORY_LISTING);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("directory listing");
        assertThat(result.reason()).contains("/static/");
    }

    @Test
    void actuatorEnvFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.ACTUATOR_ENV);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("/actuator/env");
    }

    @Test
    void adminAdminFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.ADMIN_ADMIN);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("weak password");
        assertThat(result.reason()).contains("admin with the password 'admin'");
    }

    @Test
    void htmlUploadFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.HTML_UPLOAD);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("file upload");
        assertThat(result.reason()).contains(".jpg");
        assertThat(result.reason()).contains("text/html");
    }

    @Test
    void htmlUploadAlsoKeepsEicar() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.HTML_UPLOAD);

        assertThat(result.findings()).anyMatch((line) -> line.startsWith("FAIL:") && line.contains("EICAR"));
    }

    @Test
    void stackTraceFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.STACK_TRACE);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("stack trace");
        assertThat(result.reason()).contains("IllegalStateException");
    }

    @Test
    void missingPolicyFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.NO_POLICY);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("no Content-Security-Policy");
    }

    @Test
    void unsafeInlinePolicyFails() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.UNSAFE_INLINE);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("'unsafe-inline'");
    }

    @Test
    void rateLimitIsInconclusive() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT + UPLOAD, Flaw.RATE_LIMITED);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).contains("429 Too Many Requests");
    }

    @Test
    void missingUploadKeepsReview() throws IOException {
        CaseResult result = run(SIGN_IN + ACCOUNT);

        assertThat(result.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(result.findings()).anyMatch((line) -> line.startsWith("NOTE: file upload was not probed"));
    }

    @Test
    void missingAccountIsInconclusive() throws IOException {
        CaseResult result = run(SIGN_IN + UPLOAD);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).contains("accounts");
    }

    @Test
    void weakPasswordsStayBelowLockout() throws IOException {
        try (WebSite site = new WebSite()) {
            TargetProfile profile = ProfileFiles.load(folder, SIGN_IN + ACCOUNT + UPLOAD);
            CaseRunner.run(new KnownWebVulnerabilitiesCase(), site.uri(), profile);

            assertThat(site.maxFailuresPerUser()).isLessThan(profile.lockout().maxFailures());
        }
    }

    private CaseResult run(String yaml, Flaw... flaws) throws IOException {
        try (WebSite site = new WebSite(flaws)) {
            return CaseRunner.run(new KnownWebVulnerabilitiesCase(), site.uri(), ProfileFiles.load(folder, yaml));
        }
    }
}
