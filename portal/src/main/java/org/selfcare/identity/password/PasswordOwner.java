package org.selfcare.identity.password;

/**
 * The subscriber details a new password is checked against, so that passwords built from them are rejected.
 *
 * @param msisdn the phone number as provisioned, such as {@code 07700 900000}
 * @param msisdnE164 the same number in E.164 form
 * @param displayName the name shown on the portal
 */
public record PasswordOwner(String msisdn, String msisdnE164, String displayName) {
}
