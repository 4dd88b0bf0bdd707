package org.selfcare.integrity;

/**
 * Reason a signed-in API request was rejected. The reason goes into the security event only. The client gets the
 * same response for each, so it cannot learn which check failed.
 */
enum Rejection {

    MISSING("signature header missing"),
    MALFORMED("signature header malformed"),
    NO_KEY("no session key issued"),
    WRONG_MAC("wrong MAC"),
    STALE("timestamp older than the request window"),
    FUTURE("timestamp later than the request window"),
    REPLAY("nonce used before");

    private final String reason;

    Rejection(String reason) {
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
