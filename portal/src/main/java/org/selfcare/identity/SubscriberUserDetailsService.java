package org.selfcare.identity;

import java.time.Clock;
import java.time.Instant;

import org.selfcare.identity.SubscriberDirectory.StoredCredentials;
import org.selfcare.platform.PhoneNumbers;
import org.selfcare.platform.SelfcareProperties;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads a subscriber by the phone number typed on the sign-in page, in any format libphonenumber reads. Active
 * subscribers and provisioned ones (for the first sign-in only) are enabled. A provisioned subscriber's initial
 * password counts as expired after its validity period.
 */
@Component
class SubscriberUserDetailsService implements UserDetailsService {

    private final SubscriberDirectory directory;

    private final SelfcareProperties properties;

    private final Clock clock;

    SubscriberUserDetailsService(SubscriberDirectory directory, SelfcareProperties properties, Clock clock) {
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String typedNumber) {
        // An unparseable number fails the same way as an unknown one, so the caller learns nothing from it.
        String e164 = PhoneNumbers.toE164(typedNumber, properties.defaultRegion())
                .orElseThrow(() -> new UsernameNotFoundException("No subscriber with this number"));
        return directory.findCredentials(e164)
                .map(this::principal)
                .orElseThrow(() -> new UsernameNotFoundException("No subscriber with this number"));
    }

    private SubscriberPrincipal principal(StoredCredentials credentials) {
        boolean provisioned = credentials.status() == SubscriberStatus.PROVISIONED;
        boolean enabled = provisioned || credentials.status() == SubscriberStatus.ACTIVE;
        // A provisioned subscriber without an expiry cannot sign in, so a missing value never means "forever".
        // TODO: nothing issues a new initial password after it expires yet. The operator console is to add it.
        Instant expiresAt = credentials.initialPasswordExpiresAt();
        boolean credentialsNonExpired = !provisioned || (expiresAt != null && clock.instant().isBefore(expiresAt));
        return new SubscriberPrincipal(credentials.id(), credentials.e164(), credentials.passwordHash(), enabled,
                credentials.timeZone(), provisioned, credentialsNonExpired);
    }
}
