package org.selfcare.subscription;

/**
 * The state of a subscription. A running subscription is ACTIVE, or CANCELLED when it ends with its paid period.
 * A CANCELLED subscription that ended at once with a pro-rata refund has {@code ended_at} set.
 */
enum SubscriptionStatus {

    ACTIVE, CANCELLED, EXPIRED
}
