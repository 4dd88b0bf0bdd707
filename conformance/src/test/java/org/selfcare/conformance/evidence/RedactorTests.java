package org.selfcare.conformance.evidence;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTests {

    private final Redactor redactor = new Redactor(List.of("S3cret-Pass!"));

    @Test
    void formFieldsNamedLikeSecretsAreMasked() {
        String redacted = redactor.form("msisdn=07700900000&password=abc&_csrf=token123&otp_code=123456");

        assertThat(redacted).contains("msisdn=07700900000");
        assertThat(redacted).doesNotContain("abc").doesNotContain("token123").doesNotContain("123456");
    }

    @Test
    void profileSecretsAreMaskedAnywhere() {
        assertThat(redactor.text("echo: S3cret-Pass! here")).isEqualTo("echo: [REDACTED] here");
        assertThat(redactor.form("q=S3cret-Pass%21")).doesNotContain("S3cret");
    }

    @Test
    void cookieValuesAreMaskedButAttributesKept() {
        assertThat(redactor.header("Set-Cookie", "SESSION=abcdef; Path=/; Secure; HttpOnly"))
                .isEqualTo("SESSION=[REDACTED]; Path=/; Secure; HttpOnly");
        assertThat(redactor.header("Cookie", "SESSION=abcdef")).isEqualTo(Redactor.MASK);
        assertThat(redactor.header("Authorization", "Bearer xyz")).isEqualTo(Redactor.MASK);
    }

    @Test
    void jsonMembersAndHiddenInputsAreMasked() {
        String json = redactor.text("{\"user\":\"alice\",\"accessToken\":\"eyJabc\"}");
        String html = redactor.text("<input type=\"hidden\" name=\"_csrf\" value=\"t0k3n\"/>");

        assertThat(json).contains("\"user\":\"alice\"").doesNotContain("eyJabc");
        assertThat(html).doesNotContain("t0k3n");
    }
}
