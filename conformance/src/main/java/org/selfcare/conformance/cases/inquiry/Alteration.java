package org.selfcare.conformance.cases.inquiry;

/**
 * One way the kit changes a correctly signed request before sending it, as an attacker in the middle would.
 * Each alteration starts from a freshly signed request, so only the changed part can make the target reject it.
 */
enum Alteration {

    /** Sent as signed, to show the target accepts the request at all. */
    NONE("unchanged"),

    /** Signed as GET, sent as POST with the CSRF token, so only the signature can reject it. */
    METHOD("with the method changed to POST"),

    /** Signed for one path, sent to another harmless one. */
    PATH("with the path changed"),

    /** Signed without a query, sent with one. */
    QUERY("with a query parameter added"),

    /** Signed over one body, sent with another. */
    BODY("with the body changed"),

    /** The header's ts moved a minute back, inside the accepted window, while the MAC stays. */
    TIMESTAMP("with the timestamp changed"),

    /** The first character of the header's nonce replaced, while the MAC stays. */
    NONCE("with the nonce changed"),

    /** The first character of the MAC replaced. */
    MAC("with the MAC changed"),

    /** Sent without the signature header. */
    MISSING_HEADER("without the signature header"),

    /** Correctly signed with a timestamp far in the past. */
    STALE("with a stale timestamp"),

    /** Correctly signed with a timestamp far in the future. */
    FUTURE("with a future timestamp");

    private final String description;

    Alteration(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
