package org.selfcare.conformance.model;

import java.util.List;
import java.util.Objects;

/**
 * What a test case checks, in the shape of the Recommendation's test procedures.
 *
 * @param id the Recommendation's number, such as {@code T-5-2}
 * @param title short name of the requirement
 * @param clause the Recommendation's clause the requirement belongs to, such as {@code 8.5}
 * @param preconditions what must hold before the case runs
 * @param steps what the kit does, in order
 * @param expected what the target must do for the case to pass
 */
public record CaseDescription(String id, String title, String clause, List<String> preconditions,
        List<String> steps, String expected) {

    public CaseDescription {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(title, "title must not be null");
        preconditions = List.copyOf(preconditions);
        steps = List.copyOf(steps);
    }
}
