package org.selfcare.identity.password;

/**
 * The set of password rules that applies. Both presets check length, the subscriber's phone number and name,
 * the list of common passwords and the zxcvbn strength estimate. They differ in composition rules and in the
 * default minimum length.
 */
public enum PasswordPreset {

    /**
     * ITU-T X.1470: letters, digits and symbols mixed, at least 10 characters by default.
     */
    X1470(10, true),

    /**
     * OWASP ASVS 5.0: length and a list of common passwords decide, with no composition rules, because ASVS
     * forbids requiring particular character classes. At least 12 characters by default.
     */
    ASVS(12, false);

    private final int defaultMinLength;

    private final boolean characterClassesRequired;

    PasswordPreset(int defaultMinLength, boolean characterClassesRequired) {
        this.defaultMinLength = defaultMinLength;
        this.characterClassesRequired = characterClassesRequired;
    }

    public int defaultMinLength() {
        return defaultMinLength;
    }

    public boolean characterClassesRequired() {
        return characterClassesRequired;
    }
}
