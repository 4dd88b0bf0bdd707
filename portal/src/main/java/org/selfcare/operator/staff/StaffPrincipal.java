package org.selfcare.operator.staff;

import java.io.Serializable;

/**
 * The signed-in member of staff, kept in the console's security context for the session.
 *
 * @param id the staff account's id
 * @param username the sign-in name
 * @param role the role at sign-in; a change of role ends the account's sessions
 */
public record StaffPrincipal(long id, String username, StaffRole role) implements Serializable {

    @Override
    public String toString() {
        return username;
    }
}
