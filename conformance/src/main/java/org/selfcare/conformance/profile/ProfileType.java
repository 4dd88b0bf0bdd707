package org.selfcare.conformance.profile;

/**
 * Kinds of target the kit supports.
 */
public enum ProfileType {

    /** Any site with an HTML sign-in form; the profile names the form and how to read its outcome. */
    FORM_LOGIN("form-login"),

    /** The Selfcare portal, whose form and API the kit has built in. */
    SELFCARE("selfcare");

    private final String label;

    ProfileType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ProfileType fromLabel(String label) {
        for (ProfileType type : values()) {
            if (type.label.equals(label)) {
                return type;
            }
        }
        throw new InvalidProfileException("type must be form-login or selfcare, not '" + label + "'");
    }
}
