package org.selfcare.identity;

import org.springframework.security.authentication.AccountStatusException;

/**
 * Rejects a sign-in because its client address failed with too many different identifiers. It extends
 * {@link AccountStatusException} so that no other authentication provider is asked after it.
 */
class SignInThrottledException extends AccountStatusException {

    SignInThrottledException() {
        super("Too many failed sign-ins from this client address");
    }
}
