/**
 * Value-added services: the catalogue of services, subscribing and unsubscribing with a second authentication
 * bound to the service and its fee, fees charged from the balance, renewal and expiry, and the notice that tells
 * the subscriber what they subscribed to, for how much and from when until when.
 */
package org.selfcare.subscription;
