package org.selfcare.conformance.http;

/**
 * The outcome of checking a response's {@code X-Selfcare-Response-Signature}.
 */
public enum ResponseSignature {

    /** The request was not signed, so the response was not checked. */
    NOT_CHECKED("not checked"),

    VALID("valid"),

    MISSING("missing"),

    /** The header is not {@code v1;nonce=...;mac=...}. */
    MALFORMED("malformed"),

    /** The header names a nonce other than the request's. */
    WRONG_NONCE("for another request's nonce"),

    /** The MAC does not match the status and body that arrived. */
    WRONG_MAC("wrong MAC");

    private final String description;

    ResponseSignature(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * Returns whether the response came to a signed request but carried no valid signature.
     */
    public boolean isProblem() {
        return this != NOT_CHECKED && this != VALID;
    }
}
