package org.selfcare.purchase.provider;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import org.selfcare.purchase.PayableOrder;
import org.selfcare.purchase.PaymentProvider;
import org.selfcare.purchase.ProviderCheckout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment provider reached with stripe-java: one PaymentIntent per order, created with an idempotency key
 * derived from the order id, so a retried or repeated checkout finds the same payment at the provider.
 */
class StripePaymentProvider implements PaymentProvider {

    private static final Logger logger = LoggerFactory.getLogger(StripePaymentProvider.class);

    private final StripeClient stripe;

    private final ProviderPayments payments;

    private final PaymentProviderProperties properties;

    private final Clock clock;

    StripePaymentProvider(StripeClient stripe, ProviderPayments payments, PaymentProviderProperties properties,
            Clock clock) {
        this.stripe = stripe;
        this.payments = payments;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ProviderUnavailableException when the provider cannot be reached or fails
     * @throws IllegalStateException when the order's payment was settled, cancelled or rejected before
     */
    @Override
    public ProviderCheckout checkout(PayableOrder order, String returnUrl) {
        Optional<ProviderPayment> started = payments.byOrder(order.orderId());
        if (started.isPresent() && started.get().status() == ProviderPayment.Status.PENDING) {
            return new ProviderCheckout(started.get().paymentReference(), started.get().redirectUrl());
        }
        if (started.isPresent()) {
            // The idempotency key allows one payment per order, and this one has ended.
            throw new IllegalStateException("The provider payment " + started.get().paymentReference() + " of order "
                    + order.number() + " has ended with status " + started.get().status());
        }

        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(order.total().minorUnits())
                .setCurrency(order.total().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                .putMetadata("order_number", order.number())
                .putMetadata("order_id", Long.toString(order.orderId()))
                .setConfirm(true)
                .setReturnUrl(returnUrl)
                .build();
        PaymentIntent intent;
        try {
            intent = stripe.v1().paymentIntents().create(params,
                    RequestOptions.builder().setIdempotencyKey(idempotencyKey(order.orderId())).build());
        }
        catch (StripeException ex) {
            logger.warn("Starting the provider payment of order {} failed: {} (status {}, code {})", order.number(),
                    ex.getClass().getSimpleName(), ex.getStatusCode(), ex.getCode());
            throw new ProviderUnavailableException("The payment provider could not start the payment of order "
                    + order.number(), ex);
        }
        if (intent.getNextAction() == null || intent.getNextAction().getRedirectToUrl() == null) {
            throw new ProviderUnavailableException("The payment provider returned no payment page for order "
                    + order.number(), null);
        }

        String redirectUrl = intent.getNextAction().getRedirectToUrl().getUrl();
        Instant now = clock.instant();
        payments.insert(new ProviderPayment(order.orderId(), order.number(), order.subscriberId(), intent.getId(),
                redirectUrl, order.total(), ProviderPayment.Status.PENDING, 0, now), now.plus(properties.pollAfter()));
        logger.info("Started provider payment {} of order {}", intent.getId(), order.number());
        ProviderPayment stored = payments.byOrder(order.orderId()).orElseThrow();
        return new ProviderCheckout(stored.paymentReference(), stored.redirectUrl());
    }

    /**
     * {@inheritDoc} When the provider cannot be reached, the payment stays pending and the poller finds out later
     * what became of it.
     */
    @Override
    public void cancel(long orderId) {
        Optional<ProviderPayment> started = payments.byOrder(orderId);
        if (started.isEmpty() || started.get().status() != ProviderPayment.Status.PENDING) {
            return;
        }
        ProviderPayment payment = started.get();
        try {
            stripe.v1().paymentIntents().cancel(payment.paymentReference());
            payments.finish(orderId, ProviderPayment.Status.CANCELED, clock.instant(), null);
            logger.info("Cancelled provider payment {} of order {}", payment.paymentReference(), payment.orderNumber());
        }
        catch (InvalidRequestException ex) {
            // Most often the payment succeeded meanwhile; the poller or the webhook settles or rejects it.
            logger.warn("The provider did not cancel payment {} of order {}: code {}", payment.paymentReference(),
                    payment.orderNumber(), ex.getCode());
        }
        catch (StripeException ex) {
            logger.warn("Cancelling provider payment {} of order {} failed, the poller checks it later: {}",
                    payment.paymentReference(), payment.orderNumber(), ex.getClass().getSimpleName());
        }
    }

    /** Returns the provider's idempotency key for the payment of an order: one payment per order, ever. */
    static String idempotencyKey(long orderId) {
        return "selfcare-order-" + orderId + "-payment";
    }
}
