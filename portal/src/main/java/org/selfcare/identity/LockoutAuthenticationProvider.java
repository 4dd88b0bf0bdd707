package org.selfcare.identity;

import java.time.Clock;
import java.util.Optional;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.platform.SelfcareProperties;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks the phone number and password with a {@link DaoAuthenticationProvider}, after the per-address throttle
 * and the per-identifier lockout have let the attempt through, and records each outcome in the security log.
 * The wrapped provider hashes a dummy password for numbers that match no subscriber, so unknown numbers cost the
 * same hashing time as wrong passwords.
 */
class LockoutAuthenticationProvider implements AuthenticationProvider {

    private static final String UNKNOWN_ADDRESS = "unknown";

    private final DaoAuthenticationProvider passwords;

    private final SignInLockouts lockouts;

    private final AddressThrottle throttle;

    private final SubscriberDirectory directory;

    private final SecurityLog securityLog;

    private final LockNotice lockNotice;

    private final SelfcareProperties properties;

    private final Clock clock;

    LockoutAuthenticationProvider(DaoAuthenticationProvider passwords, SignInLockouts lockouts,
            AddressThrottle throttle, SubscriberDirectory directory, SecurityLog securityLog, LockNotice lockNotice,
            SelfcareProperties properties, Clock clock) {
        this.passwords = passwords;
        this.lockouts = lockouts;
        this.throttle = throttle;
        this.directory = directory;
        this.securityLog = securityLog;
        this.lockNotice = lockNotice;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String address = clientAddress(authentication);
        SignInIdentifier identifier = SignInIdentifier.of(authentication.getName(), properties.defaultRegion());

        if (throttle.isThrottled(address)) {
            record(SecurityEventType.THROTTLED, identifier, address, "throttled",
                    "too many different identifiers failed from this address");
            throw new SignInThrottledException();
        }

        SignInAttempt attempt = lockouts.begin(identifier);
        if (attempt.lockExpired()) {
            record(SecurityEventType.IDENTIFIER_UNLOCKED, identifier, address, "unlocked", "the lock expired");
        }
        if (attempt.refused()) {
            throttle.recordFailure(address, identifier);
            record(SecurityEventType.SIGN_IN_FAILED, identifier, address, "locked", "the identifier is locked");
            throw new IdentifierLockedException(attempt.lockedUntil());
        }

        Authentication result;
        try {
            result = passwords.authenticate(authentication);
        }
        catch (AuthenticationException ex) {
            throttle.recordFailure(address, identifier);
            record(SecurityEventType.SIGN_IN_FAILED, identifier, address, "failure", reason(ex, attempt));
            if (attempt.locksOnFailure()) {
                record(SecurityEventType.IDENTIFIER_LOCKED, identifier, address, "locked",
                        attempt.number() + " failed sign-ins; locked until " + attempt.lockedUntil());
                identifier.e164().flatMap(directory::findByE164)
                        .ifPresent((subscriber) -> lockNotice.send(subscriber, attempt.lockedUntil()));
                throw new IdentifierLockedException(attempt.lockedUntil());
            }
            throw ex;
        }

        lockouts.succeeded(identifier);
        // The principal already names the subscriber, so the log needs no second lookup of the number.
        Long subscriberId = (result.getPrincipal() instanceof SubscriberPrincipal principal)
                ? principal.subscriberId() : null;
        record(SecurityEventType.SIGN_IN_SUCCEEDED, identifier, subscriberId, address, "success",
                "password accepted");
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private void record(SecurityEventType type, SignInIdentifier identifier, String address, String outcome,
            String reason) {
        Long subscriberId = identifier.e164().flatMap(directory::findByE164).map(Subscriber::id).orElse(null);
        record(type, identifier, subscriberId, address, outcome, reason);
    }

    private void record(SecurityEventType type, SignInIdentifier identifier, Long subscriberId, String address,
            String outcome, String reason) {
        // Text that is not a phone number may be a password typed into the wrong field, so it is not logged.
        String logged = identifier.e164().orElse(null);
        securityLog.record(new SecurityEvent(type, clock.instant(), subscriberId, logged, address, outcome, reason));
    }

    private static String reason(AuthenticationException ex, SignInAttempt attempt) {
        String kind;
        if (ex instanceof BadCredentialsException) {
            kind = "wrong password or unknown number";
        }
        else if (ex instanceof DisabledException) {
            kind = "subscriber is not active";
        }
        else if (ex instanceof CredentialsExpiredException) {
            kind = "initial password expired before the first sign-in";
        }
        else {
            kind = ex.getClass().getSimpleName();
        }
        return kind + "; attempt " + attempt.number();
    }

    private static String clientAddress(Authentication authentication) {
        return Optional.ofNullable(authentication.getDetails())
                .filter(WebAuthenticationDetails.class::isInstance)
                .map((details) -> ((WebAuthenticationDetails) details).getRemoteAddress())
                .orElse(UNKNOWN_ADDRESS);
    }
}
