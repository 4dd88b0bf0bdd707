package org.selfcare.subscription;

/**
 * Where a subscription stands. A running subscription is ACTIVE, or CANCELLED at the end of its paid period; a
 * CANCELLED one that ended at once with a pro-rata refund has ended already.
 */
enum SubscriptionStatus {

    ACTIVE, CANCELLED, EXPIRED
}
