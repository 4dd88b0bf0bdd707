package org.selfcare.audit;

/**
 * Kinds of security event the portal records.
 */
public enum SecurityEventType {

    SIGN_IN_SUCCEEDED,
    SIGN_IN_FAILED,
    IDENTIFIER_LOCKED,
    IDENTIFIER_UNLOCKED,
    PASSWORD_CHANGED,
    PASSWORD_CHANGE_REJECTED,
    SESSION_ENDED_BY_NEWER_SIGN_IN,
    CAPTCHA_FAILED,
    THROTTLED
}
