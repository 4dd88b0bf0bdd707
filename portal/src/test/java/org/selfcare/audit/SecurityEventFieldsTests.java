package org.selfcare.audit;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps secrets out of the security event log by construction: an event has no field that could hold one.
 */
class SecurityEventFieldsTests {

    private static final List<String> SECRET_WORDS = List.of("password", "code", "session", "token", "secret",
            "otp", "pin", "cookie");

    @Test
    void eventHasNoSecretField() {
        List<String> fields = Arrays.stream(SecurityEvent.class.getRecordComponents())
                .map(RecordComponent::getName)
                .map((name) -> name.toLowerCase(Locale.ROOT))
                .toList();

        for (String word : SECRET_WORDS) {
            assertThat(fields).as("field names containing '%s'", word).noneMatch((field) -> field.contains(word));
        }
    }

    @Test
    void eventHasExpectedFields() {
        List<String> fields = Arrays.stream(SecurityEvent.class.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();

        assertThat(fields).containsExactly("type", "occurredAt", "subscriberId", "identifier", "clientAddress",
                "outcome", "reason");
    }
}
