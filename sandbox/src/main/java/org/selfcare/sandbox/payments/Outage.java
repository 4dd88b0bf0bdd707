package org.selfcare.sandbox.payments;

/** The kind of outage that {@link PaymentSandbox#takeDown(Outage)} simulates. */
public enum Outage {

    /** The port is closed, so clients get "connection refused"; the payment page and records go down too. */
    CONNECTION_REFUSED,

    /** Every {@code /v1} request gets 503 with a Stripe {@code api_error}; the payment page and records stay up. */
    SERVICE_UNAVAILABLE
}
