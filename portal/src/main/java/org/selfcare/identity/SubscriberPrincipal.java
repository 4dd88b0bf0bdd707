package org.selfcare.identity;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in subscriber as Spring Security sees them. Controllers take the subscriber id from here and
 * never from the request, so one subscriber cannot name another's records.
 *
 * <p>An active subscriber has the role {@value #SUBSCRIBER_ROLE}, which the rest of the portal requires. A
 * provisioned one who signed in with the initial password has only {@value #FIRST_SIGN_IN_ROLE}, which reaches
 * the first-sign-in pages and API and nothing else.
 */
public final class SubscriberPrincipal implements UserDetails {

    public static final String SUBSCRIBER_ROLE = "SUBSCRIBER";

    public static final String FIRST_SIGN_IN_ROLE = "FIRST_SIGN_IN";

    private static final List<GrantedAuthority> SUBSCRIBER_AUTHORITIES = List.of(
            new SimpleGrantedAuthority("ROLE_" + SUBSCRIBER_ROLE));

    private static final List<GrantedAuthority> FIRST_SIGN_IN_AUTHORITIES = List.of(
            new SimpleGrantedAuthority("ROLE_" + FIRST_SIGN_IN_ROLE));

    private final long subscriberId;

    private final String msisdnE164;

    private final transient String passwordHash;

    private final boolean active;

    private final ZoneId timeZone;

    private final boolean firstSignInPending;

    private final boolean credentialsNonExpired;

    SubscriberPrincipal(long subscriberId, String msisdnE164, String passwordHash, boolean active, ZoneId timeZone) {
        this(subscriberId, msisdnE164, passwordHash, active, timeZone, false, true);
    }

    SubscriberPrincipal(long subscriberId, String msisdnE164, String passwordHash, boolean active, ZoneId timeZone,
            boolean firstSignInPending, boolean credentialsNonExpired) {
        this.subscriberId = subscriberId;
        this.msisdnE164 = msisdnE164;
        this.passwordHash = passwordHash;
        this.active = active;
        this.timeZone = timeZone;
        this.firstSignInPending = firstSignInPending;
        this.credentialsNonExpired = credentialsNonExpired;
    }

    /**
     * Returns the same subscriber with the full {@value #SUBSCRIBER_ROLE} role, for the session of a subscriber
     * who has just finished the first sign-in. The copy carries no password hash.
     */
    public SubscriberPrincipal withFirstSignInCompleted() {
        return new SubscriberPrincipal(subscriberId, msisdnE164, null, true, timeZone, false, true);
    }

    public long subscriberId() {
        return subscriberId;
    }

    /**
     * Returns the zone the portal shows this subscriber's times in, as it was at sign-in.
     */
    public ZoneId timeZone() {
        return timeZone;
    }

    /**
     * Returns whether this subscriber signed in with the initial password and has not finished the first sign-in.
     */
    public boolean firstSignInPending() {
        return firstSignInPending;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return firstSignInPending ? FIRST_SIGN_IN_AUTHORITIES : SUBSCRIBER_AUTHORITIES;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return msisdnE164;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    /**
     * Returns {@code false} for a provisioned subscriber whose initial password has expired, which makes the
     * sign-in fail after the password check.
     */
    @Override
    public boolean isCredentialsNonExpired() {
        return credentialsNonExpired;
    }

    @Override
    public String toString() {
        return "SubscriberPrincipal[subscriberId=" + subscriberId + ", firstSignInPending=" + firstSignInPending
                + ", password=[PROTECTED]]";
    }
}
