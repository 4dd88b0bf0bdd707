package org.selfcare.conformance.profile;

/**
 * A profile that cannot be used, with a message that names the setting and what to write instead.
 */
public class InvalidProfileException extends RuntimeException {

    public InvalidProfileException(String message) {
        super(message);
    }
}
