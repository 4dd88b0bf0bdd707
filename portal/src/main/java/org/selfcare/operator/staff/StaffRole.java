package org.selfcare.operator.staff;

import java.util.Locale;

/**
 * What a member of staff may do in the console. No role includes another: an administrator manages staff
 * accounts and provisioning, and reads no subscriber data and changes no catalogue unless given another account.
 */
public enum StaffRole {

    /** Looks up subscribers and their recent security events, unlocks them, reads and resolves alerts. */
    SUPPORT,

    /** Edits the catalogue of commodities and the catalogue of value-added services. */
    CATALOGUE_MANAGER,

    /** Reads the security log and verifies its chain. */
    AUDITOR,

    /** Adds, disables and changes staff accounts, resets their TOTP secrets and provisions subscribers. */
    ADMINISTRATOR;

    /** Every signed-in member of staff has this role beside their own, for the pages all of them share. */
    public static final String STAFF = "STAFF";

    /** Returns the role as a Spring Security role name, without the {@code ROLE_} prefix. */
    public String roleName() {
        return name();
    }

    /** Returns the name as typed on the command line and in forms: lower case with hyphens. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads a role as {@link #code()} writes it, or as the constant's name.
     *
     * @throws IllegalArgumentException when it names no role
     */
    public static StaffRole parse(String text) {
        if (text != null) {
            String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (StaffRole role : values()) {
                if (role.name().equals(name)) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("The role must be support, catalogue-manager, auditor or administrator.");
    }
}
