package org.selfcare.identity;

import java.time.ZoneId;

/**
 * A subscriber of the operator, identified by the phone number (MSISDN) they sign in with.
 *
 * @param id database id
 * @param msisdn the number as it was entered at provisioning
 * @param msisdnE164 the same number in E.164 form, used for matching
 * @param displayName name shown on the portal
 * @param status whether the subscriber may sign in
 * @param timeZone zone in which the portal shows the subscriber's times
 */
public record Subscriber(long id, String msisdn, String msisdnE164, String displayName, SubscriberStatus status,
        ZoneId timeZone) {
}
