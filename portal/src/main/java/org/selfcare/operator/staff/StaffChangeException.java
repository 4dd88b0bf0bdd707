package org.selfcare.operator.staff;

/**
 * A change of staff accounts that cannot be made: an invalid username, an unknown or existing account, or a
 * change of one's own account. The message gives the reason in plain words.
 */
public class StaffChangeException extends RuntimeException {

    public StaffChangeException(String message) {
        super(message);
    }
}
