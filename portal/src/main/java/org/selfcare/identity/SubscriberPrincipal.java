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
 */
public final class SubscriberPrincipal implements UserDetails {

    private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_SUBSCRIBER"));

    private final long subscriberId;

    private final String msisdnE164;

    private final transient String passwordHash;

    private final boolean active;

    private final ZoneId timeZone;

    SubscriberPrincipal(long subscriberId, String msisdnE164, String passwordHash, boolean active, ZoneId timeZone) {
        this.subscriberId = subscriberId;
        this.msisdnE164 = msisdnE164;
        this.passwordHash = passwordHash;
        this.active = active;
        this.timeZone = timeZone;
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

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return AUTHORITIES;
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

    @Override
    public String toString() {
        return "SubscriberPrincipal[subscriberId=" + subscriberId + ", password=[PROTECTED]]";
    }
}
