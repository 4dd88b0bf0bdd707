package org.selfcare.operator;

import java.time.Instant;

/**
 * A subscriber that provisioning created. The initial password went to the subscriber by SMS and is not here.
 *
 * @param id database id
 * @param msisdnE164 phone number in E.164 form
 * @param initialPasswordExpiresAt when the initial password stops signing in, unless the first sign-in finished
 */
public record ProvisionedSubscriber(long id, String msisdnE164, Instant initialPasswordExpiresAt) {
}
