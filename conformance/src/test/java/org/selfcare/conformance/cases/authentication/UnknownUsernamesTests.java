package org.selfcare.conformance.cases.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.conformance.support.ProfileFiles;

class UnknownUsernamesTests {

    @TempDir
    Path folder;

    private TargetProfile profileWith(String username, String unknownSetting) throws Exception {
        return ProfileFiles.load(folder, """
                type: form-login
                sign-in:
                  page: /signin
                  username-field: user
                  password-field: password
                  success: {redirect-contains: /account}
                  failure: {status: 200}
                %s
                protected-path: /account
                accounts:
                  - username: "%s"
                    password: secret-1470
                """.formatted(unknownSetting.indent(2), username));
    }

    @Test
    void phoneNumberKeepsShapeAndPrefix() throws Exception {
        String generated = new UnknownUsernames(profileWith("+46 70 123 45 67", ""), new Random(1)).generate();

        assertThat(generated).matches("\\+46 7\\d \\d{3} \\d{2} \\d{2}").isNotEqualTo("+46 70 123 45 67");
    }

    @Test
    void emailKeepsDomain() throws Exception {
        String generated = new UnknownUsernames(profileWith("tester@example.org", ""), new Random(1)).generate();

        assertThat(generated).startsWith("x1470-").endsWith("@example.org");
    }

    @Test
    void profileSettingWins() throws Exception {
        UnknownUsernames unknowns = new UnknownUsernames(profileWith("tester", "unknown-username: nobody-1470"));

        assertThat(unknowns.configuredOrNew()).isEqualTo("nobody-1470");
    }
}
