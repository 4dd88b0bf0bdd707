package org.selfcare.conformance.cases;

import java.util.List;

import org.selfcare.conformance.cases.authentication.PasswordComplexityCase;
import org.selfcare.conformance.model.TestCase;

/**
 * The cases this version of the kit can exercise. Each new case is added here.
 */
final class ImplementedCases {

    private ImplementedCases() {
    }

    static List<TestCase> all() {
        return List.of(new PasswordComplexityCase());
    }
}
