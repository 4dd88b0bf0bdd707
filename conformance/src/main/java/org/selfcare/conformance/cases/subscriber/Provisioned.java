package org.selfcare.conformance.cases.subscriber;

import java.util.Optional;

/**
 * A subscriber the kit created through the operator API, with the secrets of its provisioning SMS.
 *
 * @param number the number as the kit sent it, in the form of {@code provisioning.first-number}
 * @param storedNumber the number as the target stored it, such as {@code +447700900123}
 * @param initialPassword the password of the provisioning SMS
 * @param servicePassword the service password of the provisioning SMS, when
 *        {@code sms.service-password-pattern} found one
 * @param identityDocumentDigits the identity document characters the kit sent
 * @param contactEmail the contact e-mail address the kit sent
 */
public record Provisioned(String number, String storedNumber, String initialPassword, Optional<String> servicePassword,
        String identityDocumentDigits, String contactEmail) {

    @Override
    public String toString() {
        return "Provisioned[number=" + storedNumber + ", initialPassword=[REDACTED], servicePassword=[REDACTED]]";
    }
}
