package org.selfcare.operator;

import java.util.List;

/**
 * Thrown when a provisioning request has invalid fields. Nothing was created.
 */
public class InvalidProvisioningRequestException extends RuntimeException {

    private final List<String> problems;

    InvalidProvisioningRequestException(List<String> problems) {
        super(String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns one plain sentence per invalid field, naming the field and what it must look like.
     */
    public List<String> problems() {
        return problems;
    }
}
