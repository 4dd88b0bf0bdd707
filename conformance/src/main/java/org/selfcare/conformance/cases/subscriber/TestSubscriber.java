package org.selfcare.conformance.cases.subscriber;

import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.http.ProbeSession;

/**
 * A fresh subscriber the kit created for one case, past its first sign-in and signed in with a password only
 * the kit knows, so the case can change its state without touching the profile's accounts.
 *
 * @param provisioned the subscriber as the operator API created it
 * @param session the signed-in session, which signs its API requests
 * @param csrf the CSRF header and token of the session's pages
 */
public record TestSubscriber(Provisioned provisioned, ProbeSession session, Map<String, String> csrf) {

    /** Returns the number in the profile's form, which finds its SMS at the kit's SMSC. */
    public String number() {
        return provisioned.number();
    }

    /** Returns the number as the target stored it, for the operator API. */
    public String storedNumber() {
        return provisioned.storedNumber();
    }

    public Optional<String> servicePassword() {
        return provisioned.servicePassword();
    }
}
