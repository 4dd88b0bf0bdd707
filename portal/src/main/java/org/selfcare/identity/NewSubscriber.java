package org.selfcare.identity;

import java.time.ZoneId;
import java.util.Objects;

/**
 * What provisioning knows about a subscriber before they exist in the portal.
 *
 * @param msisdn phone number as the operator writes it
 * @param region ISO 3166 region for a number written without a country code
 * @param displayName name shown on the portal
 * @param timeZone zone for showing times
 * @param initialPassword password the subscriber first signs in with; only its hash is stored
 * @param servicePassword second secret for second authentication, or {@code null} for none; only its hash is stored
 * @param contactEmail e-mail address given at purchase, or {@code null}
 * @param identityDocumentDigits last characters of the identity document number given at purchase, or
 *        {@code null}; only its hash is stored
 */
public record NewSubscriber(String msisdn, String region, String displayName, ZoneId timeZone,
        String initialPassword, String servicePassword, String contactEmail, String identityDocumentDigits) {

    public NewSubscriber {
        Objects.requireNonNull(msisdn, "msisdn must not be null");
        Objects.requireNonNull(region, "region must not be null");
        Objects.requireNonNull(displayName, "displayName must not be null");
        Objects.requireNonNull(timeZone, "timeZone must not be null");
        Objects.requireNonNull(initialPassword, "initialPassword must not be null");
    }

    /**
     * Creates a request without a service password or purchase data.
     */
    public NewSubscriber(String msisdn, String region, String displayName, ZoneId timeZone, String initialPassword) {
        this(msisdn, region, displayName, timeZone, initialPassword, null, null, null);
    }

    /**
     * Returns a copy with the given service password.
     */
    public NewSubscriber withServicePassword(String servicePassword) {
        return new NewSubscriber(msisdn, region, displayName, timeZone, initialPassword, servicePassword,
                contactEmail, identityDocumentDigits);
    }

    @Override
    public String toString() {
        return "NewSubscriber[msisdn=" + msisdn + ", region=" + region + ", displayName=" + displayName
                + ", timeZone=" + timeZone + ", initialPassword=[PROTECTED], servicePassword=[PROTECTED]"
                + ", contactEmail=" + contactEmail + ", identityDocumentDigits=[PROTECTED]]";
    }
}
