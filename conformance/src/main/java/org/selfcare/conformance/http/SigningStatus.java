package org.selfcare.conformance.http;

/**
 * Whether a session signs its {@code /api/v1} requests.
 */
public enum SigningStatus {

    /** The session has not asked for a session key, as before sign-in or with a form-login profile. */
    NOT_STARTED,

    /** The session holds its key and signs every API request. */
    SIGNING,

    /** The target answered {@code POST /api/v1/session-key} with 404: it predates signing, so requests go unsigned. */
    NOT_OFFERED,

    /** The target refused or failed to issue a key, so requests go unsigned; the session's notes say why. */
    FAILED
}
