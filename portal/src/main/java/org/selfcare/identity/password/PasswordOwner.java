package org.selfcare.identity.password;

/**
 * What the policy knows about the subscriber choosing a password, so it can reject passwords built from it.
 *
 * @param msisdn the phone number as provisioned, such as {@code 07700 900000}
 * @param msisdnE164 the same number in E.164 form
 * @param displayName the name shown on the portal
 */
public record PasswordOwner(String msisdn, String msisdnE164, String displayName) {
}
