/**
 * Notifications to subscribers: SMS over SMPP and e-mail over SMTP, written to an outbox in the transaction of the
 * change they report and delivered from there with retries.
 */
package org.selfcare.notification;
