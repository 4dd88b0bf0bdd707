package org.selfcare.notification;

/**
 * Published when a notification is written to the outbox, so the dispatcher can send it once the transaction
 * commits instead of at its next poll.
 *
 * @param id outbox id
 */
record NotificationQueued(long id) {
}
