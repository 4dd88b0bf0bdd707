package org.selfcare.operator.staff;

import java.time.Instant;

/**
 * A member of staff as the console lists them. Secrets never leave the staff directory.
 *
 * @param id database id
 * @param username the sign-in name, lower case
 * @param role what they may do
 * @param enabled whether they may sign in
 * @param lockedUntil end of a sign-in lock, or {@code null}
 * @param createdAt when the account was added
 * @param createdBy who added it: a staff username or the command
 */
public record StaffAccount(long id, String username, StaffRole role, boolean enabled, Instant lockedUntil,
        Instant createdAt, String createdBy) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
