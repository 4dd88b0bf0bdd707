package org.selfcare.operator.console;

import java.util.List;

import org.selfcare.operator.staff.StaffPrincipal;
import org.selfcare.operator.staff.StaffRole;
import org.selfcare.operator.staff.StaffSignIn;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The console's only authentication provider. It is not a bean: a second {@code AuthenticationProvider} bean would
 * change how Spring Security builds the subscribers' sign-in, and the console chain has its own manager anyway,
 * so no staff credential is ever checked on the customer port and no subscriber credential here.
 */
final class StaffAuthenticationProvider implements AuthenticationProvider {

    private final StaffSignIn signIn;

    StaffAuthenticationProvider(StaffSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getDetails() instanceof StaffSignInDetails details)) {
            throw new BadCredentialsException("Staff sign-in without form details");
        }
        StaffPrincipal staff = signIn.signIn(authentication.getName(), String.valueOf(authentication.getCredentials()),
                details.code(), details.clientAddress());
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(staff, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + StaffRole.STAFF),
                        new SimpleGrantedAuthority("ROLE_" + staff.role().roleName())));
        // The session keeps the address only: the code has been used and has no business in the session store.
        result.setDetails(details.clientAddress());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
