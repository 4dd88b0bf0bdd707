package org.selfcare.conformance.cases;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.selfcare.conformance.model.TestCase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaseRegistryTests {

    private final CaseRegistry registry = CaseRegistry.standard();

    @Test
    void allTwentySevenCasesAreRegisteredInOrder() {
        List<String> ids = registry.all().stream().map(TestCase::id).toList();

        assertThat(ids).hasSize(27);
        assertThat(ids).startsWith("T-1-1", "T-1-2").endsWith("T-5-5", "T-5-6");
        assertThat(ids).contains("T-1-7", "T-2-4", "T-3-7", "T-4-3");
    }

    @Test
    void everyCaseHasStepsAndExpectedResult() {
        for (TestCase testCase : registry.all()) {
            assertThat(testCase.description().steps()).as(testCase.id()).isNotEmpty();
            assertThat(testCase.description().expected()).as(testCase.id()).isNotBlank();
            assertThat(testCase.description().preconditions()).as(testCase.id()).isNotEmpty();
        }
    }

    @Test
    void selectByWildcardAndList() {
        assertThat(registry.select(List.of("T-5-*")).stream().map(TestCase::id))
                .containsExactly("T-5-1", "T-5-2", "T-5-3", "T-5-4", "T-5-5", "T-5-6");
        assertThat(registry.select(List.of("t-1-7", "T-1-7", "T-2-1")).stream().map(TestCase::id))
                .containsExactly("T-1-7", "T-2-1");
    }

    @Test
    void unknownSelectionIsRejected() {
        assertThatThrownBy(() -> registry.select(List.of("T-9-*"))).hasMessageContaining("matches no case");
        assertThatThrownBy(() -> registry.select(List.of("T-1-("))).hasMessageContaining("matches no case");
    }
}
