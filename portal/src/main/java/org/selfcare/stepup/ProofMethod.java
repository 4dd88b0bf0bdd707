package org.selfcare.stepup;

import java.util.Optional;

/**
 * Method of proving the subscriber's identity in a second authentication.
 */
public enum ProofMethod {

    /** A one-time code sent by SMS to the subscriber's number. */
    SMS_CODE("sms-code"),

    /** The service password, a secret separate from the sign-in password. */
    SERVICE_PASSWORD("service-password");

    private final String pathName;

    ProofMethod(String pathName) {
        this.pathName = pathName;
    }

    /**
     * Returns the method's name in JSON, forms and the security log.
     */
    public String pathName() {
        return pathName;
    }

    public static Optional<ProofMethod> fromPathName(String pathName) {
        for (ProofMethod method : values()) {
            if (method.pathName.equals(pathName)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
