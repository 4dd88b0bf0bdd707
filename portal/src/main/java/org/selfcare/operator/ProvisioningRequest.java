package org.selfcare.operator;

/**
 * What the operator sends to provision a subscriber, before any check. Every value may be {@code null} or
 * malformed, and {@link ProvisioningRequestCheck} lists which are invalid.
 *
 * @param msisdn phone number as the operator writes it, such as {@code 07700 900123}
 * @param region ISO 3166 region for a number written without a country code, such as {@code GB}
 * @param displayName name shown on the portal
 * @param timeZone IANA time zone id for showing times, such as {@code Europe/London}
 * @param contactEmail e-mail address given at purchase
 * @param identityDocumentDigits last 4 characters of the identity document number given at purchase
 */
public record ProvisioningRequest(String msisdn, String region, String displayName, String timeZone,
        String contactEmail, String identityDocumentDigits) {

    @Override
    public String toString() {
        return "ProvisioningRequest[msisdn=" + msisdn + ", region=" + region + ", displayName=" + displayName
                + ", timeZone=" + timeZone + ", contactEmail=" + contactEmail + ", identityDocumentDigits=[PROTECTED]]";
    }
}
