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
    THROTTLED,
    PROOF_SUCCEEDED,
    PROOF_FAILED,
    STEP_UP_CODE_SENT,
    STEP_UP_CODE_REFUSED,
    SUBSCRIBER_PROVISIONED,
    FIRST_SIGN_IN_COMPLETED,
    OPERATOR_REQUEST,
    REQUEST_REJECTED,
    SESSION_KEY_ISSUED,
    INTEGRITY_ALERT,
    TRANSACTION_REJECTED,
    ORDER_TAMPERING,
    ORDER_PAID,
    PAYMENT_NOTIFICATION_REJECTED,
    IDENTITY_DOCUMENT_ACCEPTED,
    IDENTITY_DOCUMENT_REJECTED,

    /** A payment or subscription change was confirmed with a second authentication bound to it. */
    OPERATION_CONFIRMED,

    /** A confirmation sent with a payment or subscription change was wrong, used or made for another operation. */
    OPERATION_CONFIRMATION_FAILED,

    /** A payment or subscription change was refused because a severe pattern blocks the subscriber. */
    OPERATION_BLOCKED,

    SUBSCRIBED,

    UNSUBSCRIBED,

    SUBSCRIPTION_RENEWED,

    SUBSCRIPTION_EXPIRED,

    /** A detector fired; the reason names the detector and what it saw. */
    ALERT_RAISED,

    ALERT_RESOLVED,

    /** A subscriber is no longer at risk, because staff resolved the last open alert or the risk ran out. */
    RISK_CLEARED,

    STAFF_SIGN_IN_SUCCEEDED,

    STAFF_SIGN_IN_FAILED,

    /** A member of staff did something in the operator console; the reason says what, to whom. */
    STAFF_ACTION,

    /** A member of staff tried something their role does not allow. */
    STAFF_ACCESS_DENIED,

    /** A member of staff changed their own password in the console. */
    STAFF_PASSWORD_CHANGED,

    /**
     * A member of staff's password change failed: a wrong current password or TOTP code, a locked account, or a
     * new password that breaks the policy. The reason names which.
     */
    STAFF_PASSWORD_CHANGE_REJECTED
}
