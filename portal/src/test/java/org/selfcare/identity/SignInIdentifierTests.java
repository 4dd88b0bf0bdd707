package org.selfcare.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInIdentifierTests {

    @Test
    void numberIsKeyedByE164() {
        SignInIdentifier identifier = SignInIdentifier.of("07700 900123", "GB");

        assertThat(identifier.key()).isEqualTo("+447700900123");
        assertThat(identifier.e164()).hasValue("+447700900123");
    }

    @Test
    void formatsOfOneNumberShareKey() {
        assertThat(SignInIdentifier.of("+44 7700 900123", "GB").key())
                .isEqualTo(SignInIdentifier.of("07700900123", "GB").key());
    }

    @Test
    void textIsTrimmedAndLowercased() {
        SignInIdentifier identifier = SignInIdentifier.of("  Alice@Example.ORG ", "GB");

        assertThat(identifier.key()).isEqualTo("alice@example.org");
        assertThat(identifier.e164()).isEmpty();
    }

    @Test
    void longTextIsHashed() {
        SignInIdentifier identifier = SignInIdentifier.of("x".repeat(5000), "GB");

        assertThat(identifier.key()).startsWith("sha256:").hasSize(71);
    }

    @Test
    void emptyTextHasKey() {
        assertThat(SignInIdentifier.of("   ", "GB").key()).startsWith("sha256:");
    }

    @Test
    void nullTextHasKey() {
        assertThat(SignInIdentifier.of(null, "GB").key()).isEqualTo(SignInIdentifier.of("", "GB").key());
    }
}
