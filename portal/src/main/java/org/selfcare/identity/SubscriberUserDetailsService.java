package org.selfcare.identity;

import org.selfcare.platform.PhoneNumbers;
import org.selfcare.platform.SelfcareProperties;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads a subscriber by the phone number typed on the sign-in page, in any format libphonenumber reads.
 */
@Component
class SubscriberUserDetailsService implements UserDetailsService {

    private final SubscriberDirectory directory;

    private final SelfcareProperties properties;

    SubscriberUserDetailsService(SubscriberDirectory directory, SelfcareProperties properties) {
        this.directory = directory;
        this.properties = properties;
    }

    @Override
    public UserDetails loadUserByUsername(String typedNumber) {
        // An unparseable number fails the same way as an unknown one, so the caller learns nothing from it.
        String e164 = PhoneNumbers.toE164(typedNumber, properties.defaultRegion())
                .orElseThrow(() -> new UsernameNotFoundException("No subscriber with this number"));
        return directory.findCredentials(e164)
                .map((credentials) -> new SubscriberPrincipal(credentials.id(), credentials.e164(),
                        credentials.passwordHash(), credentials.status() == SubscriberStatus.ACTIVE,
                        credentials.timeZone()))
                .orElseThrow(() -> new UsernameNotFoundException("No subscriber with this number"));
    }
}
