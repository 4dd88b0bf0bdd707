package org.selfcare.subscription;

import org.selfcare.stepup.Confirmation;

/**
 * A subscribe or cancel request as read from its JSON body.
 *
 * @param serviceCode the service to subscribe to; {@code null} in a cancel request, whose path names it
 * @param confirmation the second authentication sent with it, or {@code null}
 */
record SubscriptionRequest(String serviceCode, Confirmation confirmation) {
}
