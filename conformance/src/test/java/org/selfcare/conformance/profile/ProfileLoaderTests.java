package org.selfcare.conformance.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileLoaderTests {

    @TempDir
    Path folder;

    @Test
    void selfcareProfileGetsPortalDefaults() throws Exception {
        TargetProfile profile = load("type: selfcare\n");

        assertThat(profile.signIn().page()).isEqualTo("/signin");
        assertThat(profile.signIn().usernameField()).isEqualTo("msisdn");
        assertThat(profile.protectedPath()).isEqualTo("/api/v1/me");
        assertThat(profile.lockout().maxFailures()).isEqualTo(3);
        assertThat(profile.lockout().minimumDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(profile.captcha()).isEmpty();
    }

    @Test
    void formLoginProfileReadsEverySetting() throws Exception {
        Files.writeString(folder.resolve("secret.txt"), "from-a-file\n");
        TargetProfile profile = load("""
                type: form-login
                name: Shop
                tls: {insecure: true}
                sign-in:
                  page: /login
                  action: /session
                  username-field: user
                  password-field: pass
                  success: {redirect-contains: /home}
                  failure: {body-contains: Invalid}
                protected-path: /home
                accounts:
                  - {username: alice, password: inline-secret}
                  - {username: bob, password-file: secret.txt}
                lockout: {max-failures: 5, minimum-duration: PT10M, wait-for-unlock: true}
                captcha: {field: captcha, test-key: XXXX-TEST}
                upload: {page: /documents, field: file}
                timeout: PT5S
                """);

        assertThat(profile.name()).isEqualTo("Shop");
        assertThat(profile.tls().insecure()).isTrue();
        assertThat(profile.signIn().action()).isEqualTo("/session");
        assertThat(profile.signIn().success().redirectContains()).hasValue("/home");
        assertThat(profile.accounts()).extracting(TargetProfile.Account::password)
                .containsExactly("inline-secret", "from-a-file");
        assertThat(profile.lockout().maxFailures()).isEqualTo(5);
        assertThat(profile.captcha()).hasValueSatisfying((captcha) -> assertThat(captcha.testKey()).isEqualTo("XXXX-TEST"));
        assertThat(profile.upload()).hasValueSatisfying((upload) -> assertThat(upload.action()).isEqualTo("/documents"));
        assertThat(profile.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void selfcareCaptchaFieldDefaultsToCaptcha() throws Exception {
        TargetProfile profile = load("type: selfcare\ncaptcha: {test-key: conformance-key-0123456789}\n");

        assertThat(profile.captcha()).hasValueSatisfying((captcha) -> assertThat(captcha.field()).isEqualTo("captcha"));
    }

    @Test
    void formLoginCaptchaNeedsField() {
        assertThatThrownBy(() -> load("type: form-login\nsign-in: {page: /login, username-field: u, "
                + "password-field: p, success: {status: 302}, failure: {status: 200}}\nprotected-path: /home\n"
                + "captcha: {test-key: conformance-key-0123456789}\n"))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("captcha.field is missing");
    }

    @Test
    void passwordFromEnvironment() throws Exception {
        Path file = folder.resolve("p.yaml");
        Files.writeString(file, "type: selfcare\naccounts:\n  - {username: a, password-env: KIT_PASSWORD}\n");

        TargetProfile profile = new ProfileLoader(Map.of("KIT_PASSWORD", "from-env")::get).load(file);

        assertThat(profile.accounts().get(0).password()).isEqualTo("from-env");
    }

    @Test
    void accountToStringHidesPassword() throws Exception {
        TargetProfile profile = load("type: selfcare\naccounts:\n  - {username: a, password: hunter2-secret}\n");

        assertThat(profile.accounts().get(0).toString()).doesNotContain("hunter2-secret");
    }

    @Test
    void errorsNameTheSettingAndTheFix() {
        assertRejected("", "must be a YAML mapping");
        assertRejected("type: web\n", "type must be form-login or selfcare");
        assertRejected("type: selfcare\ncolour: blue\n", "unknown setting colour");
        assertRejected("type: form-login\n", "sign-in.page is missing");
        assertRejected("type: form-login\nsign-in: {page: /login}\n", "username-field");
        assertRejected("type: form-login\nsign-in: {page: login, username-field: u, password-field: p}\n",
                "must be a path on the target starting with '/'");
        assertRejected("type: selfcare\nlockout: {max-failures: 0}\n", "between 1 and 100");
        assertRejected("type: selfcare\nlockout: {minimum-duration: 5 minutes}\n", "ISO 8601 duration such as PT5M");
        assertRejected("type: selfcare\naccounts: {username: a}\n", "accounts must be a list");
        assertRejected("type: selfcare\naccounts:\n  - {username: a}\n", "give exactly one of password");
        assertRejected("type: selfcare\naccounts:\n  - {username: a, password-file: missing.txt}\n", "cannot read");
        assertRejected("type: selfcare\naccounts:\n  - {username: a, password-env: NOT_SET_ANYWHERE_X1470}\n",
                "is not set");
        assertRejected("type: selfcare\ntls: {insecure: yes please}\n", "tls.insecure must be true or false");
        assertRejected("type: [selfcare\n", "not valid YAML");
    }

    @Test
    void missingFileIsReported() {
        assertThatThrownBy(() -> new ProfileLoader().load(folder.resolve("none.yaml")))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("does not exist");
    }

    private void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).as(yaml)
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining(message);
    }

    private TargetProfile load(String yaml) throws Exception {
        Path file = Files.createTempFile(folder, "profile", ".yaml");
        Files.writeString(file, yaml);
        return new ProfileLoader(Map.<String, String>of()::get).load(file);
    }
}
