package org.selfcare.conformance.http;

/**
 * Whether a session signs its {@code /api/v1} requests.
 */
public enum SigningStatus {

    /** The session has not asked for a session key, as before sign-in or with a form-login profile. */
    NOT_STARTED,

    /** The session has its key and signs every API request. */
    SIGNING,

    /** The target returned 404 for {@code POST /api/v1/session-key} because it predates signing, so requests go unsigned. */
    NOT_OFFERED,

    /** The target rejected the key request or failed to issue a key, so requests go unsigned. The session's notes give the reason. */
    FAILED
}
