package org.selfcare.purchase;

/**
 * A third-party payment provider. A deployment without one offers store credit only, so orders look this bean
 * up lazily and treat its absence as "payment by provider not offered".
 */
public interface PaymentProvider {

    /**
     * Starts the provider's payment of the order, or returns the payment started before for the same order, and
     * returns where to send the subscriber's browser.
     *
     * @param order the order, priced by the server
     * @param returnUrl the portal page the provider's payment page returns to
     * @throws ProviderUnavailableException when the provider cannot be reached or fails
     */
    ProviderCheckout checkout(PayableOrder order, String returnUrl);

    /**
     * Cancels the provider's payment of an order that expired or that the subscriber cancelled, when one was
     * started. A payment that already succeeded is not cancelled; it is left for the settlement to refuse and an
     * operator to refund.
     */
    void cancel(long orderId);
}
