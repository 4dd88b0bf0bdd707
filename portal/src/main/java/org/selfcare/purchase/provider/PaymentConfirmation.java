package org.selfcare.purchase.provider;

import java.time.Clock;
import java.util.Currency;
import java.util.Locale;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import org.selfcare.account.Money;
import org.selfcare.purchase.PayableOrders;
import org.selfcare.purchase.SettlementMismatchException;
import org.selfcare.purchase.provider.PaymentRejectedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks the provider for a payment's state, server to server, and settles or fails the order when the provider's
 * payment agrees with it. Both the webhook endpoint and the poller go through here, so an order is never settled
 * on the word of a notification alone.
 */
class PaymentConfirmation {

    private static final Logger logger = LoggerFactory.getLogger(PaymentConfirmation.class);

    static final String STATUS_SUCCEEDED = "succeeded";

    static final String STATUS_CANCELED = "canceled";

    static final String STATUS_REQUIRES_PAYMENT_METHOD = "requires_payment_method";

    /** The result of a confirmation. */
    enum Outcome {
        /** This confirmation settled the order. */
        SETTLED,
        /** The order was settled before, by another confirmation. */
        ALREADY_FINISHED,
        /** The provider cancelled the payment; the order stays unpaid. */
        CANCELED,
        /** The last attempt was declined; the subscriber may try again on the provider's page. */
        DECLINED,
        /** The subscriber has not finished on the provider's page yet. */
        WAITING
    }

    private final StripeClient stripe;

    private final ProviderPayments payments;

    /** Looked up at use, so the provider starts in a deployment whose orders module starts after it. */
    private final ObjectProvider<PayableOrders> orders;

    private final TransactionTemplate transactions;

    private final Clock clock;

    PaymentConfirmation(StripeClient stripe, ProviderPayments payments, ObjectProvider<PayableOrders> orders,
            TransactionTemplate transactions, Clock clock) {
        this.stripe = stripe;
        this.payments = payments;
        this.orders = orders;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Retrieves the payment intent from the provider. */
    PaymentIntent retrieve(ProviderPayment payment) throws StripeException {
        return stripe.v1().paymentIntents().retrieve(payment.paymentReference());
    }

    /**
     * Checks that the retrieved intent agrees with the payment on amount and currency, then applies its status.
     * {@code alsoInTransaction} runs in the transaction that settles or fails the order, so a webhook's event id is
     * remembered if and only if its effect is stored.
     *
     * @throws PaymentRejectedException when amount or currency differ, or the order can no longer be paid
     */
    Outcome apply(ProviderPayment payment, PaymentIntent intent, Runnable alsoInTransaction)
            throws PaymentRejectedException {
        Money reported = reportedAmount(payment, intent);
        if (!reported.currency().equals(payment.amount().currency())) {
            throw new PaymentRejectedException(Reason.CURRENCY_MISMATCH, payment.subscriberId(), "Payment "
                    + payment.paymentReference() + " of order " + payment.orderNumber() + " is in "
                    + reported.currency() + " at the provider, but the order is in " + payment.amount().currency());
        }
        if (reported.minorUnits() != payment.amount().minorUnits()) {
            throw new PaymentRejectedException(Reason.AMOUNT_MISMATCH, payment.subscriberId(), "Payment "
                    + payment.paymentReference() + " of order " + payment.orderNumber() + " is for "
                    + reported.minorUnits() + " minor units at the provider, but the order total is "
                    + payment.amount().minorUnits());
        }

        return switch (String.valueOf(intent.getStatus())) {
            case STATUS_SUCCEEDED -> settle(payment, reported, alsoInTransaction);
            case STATUS_CANCELED -> cancel(payment, alsoInTransaction);
            case STATUS_REQUIRES_PAYMENT_METHOD -> intent.getLastPaymentError() == null
                    ? waiting(alsoInTransaction) : declined(payment, alsoInTransaction);
            default -> waiting(alsoInTransaction);
        };
    }

    /** Marks a payment whose confirmation was rejected, so the poller stops asking; an operator refunds it. */
    void reject(ProviderPayment payment, PaymentRejectedException rejection) {
        payments.finish(payment.orderId(), ProviderPayment.Status.REJECTED, clock.instant(),
                rejection.reason().code());
        logger.error("Payment {} of order {} rejected ({}): {}. Refund it at the provider if money was taken.",
                payment.paymentReference(), payment.orderNumber(), rejection.reason().code(), rejection.getMessage());
    }

    private Outcome settle(ProviderPayment payment, Money confirmed, Runnable alsoInTransaction)
            throws PaymentRejectedException {
        try {
            return transactions.execute((status) -> {
                alsoInTransaction.run();
                if (!payments.finish(payment.orderId(), ProviderPayment.Status.SETTLED, clock.instant(), null)) {
                    return Outcome.ALREADY_FINISHED;
                }
                orders.getObject().settleByProvider(payment.orderId(), payment.paymentReference(), confirmed, clock.instant());
                logger.info("Payment {} settled order {}", payment.paymentReference(), payment.orderNumber());
                return Outcome.SETTLED;
            });
        }
        catch (SettlementMismatchException ex) {
            PaymentRejectedException rejection = new PaymentRejectedException(Reason.ORDER_NOT_PAYABLE,
                    payment.subscriberId(), "Payment " + payment.paymentReference() + " succeeded, but order "
                            + payment.orderNumber() + " cannot take it: " + ex.getMessage());
            reject(payment, rejection);
            throw rejection;
        }
    }

    private Outcome cancel(ProviderPayment payment, Runnable alsoInTransaction) {
        return transactions.execute((status) -> {
            alsoInTransaction.run();
            if (!payments.finish(payment.orderId(), ProviderPayment.Status.CANCELED, clock.instant(), null)) {
                return Outcome.ALREADY_FINISHED;
            }
            orders.getObject().providerPaymentFailed(payment.orderId(), payment.paymentReference(),
                    "The payment was cancelled at the provider");
            logger.info("Payment {} of order {} was cancelled at the provider", payment.paymentReference(),
                    payment.orderNumber());
            return Outcome.CANCELED;
        });
    }

    private Outcome declined(ProviderPayment payment, Runnable alsoInTransaction) {
        return transactions.execute((status) -> {
            alsoInTransaction.run();
            orders.getObject().providerPaymentFailed(payment.orderId(), payment.paymentReference(),
                    "The provider declined the payment");
            logger.info("Payment {} of order {} was declined", payment.paymentReference(), payment.orderNumber());
            return Outcome.DECLINED;
        });
    }

    private Outcome waiting(Runnable alsoInTransaction) {
        return transactions.execute((status) -> {
            alsoInTransaction.run();
            return Outcome.WAITING;
        });
    }

    private static Money reportedAmount(ProviderPayment payment, PaymentIntent intent)
            throws PaymentRejectedException {
        if (intent.getAmount() == null || intent.getCurrency() == null) {
            throw new PaymentRejectedException(Reason.AMOUNT_MISMATCH, payment.subscriberId(),
                    "The provider reported payment " + payment.paymentReference() + " without amount or currency");
        }
        try {
            Currency currency = Currency.getInstance(intent.getCurrency().toUpperCase(Locale.ROOT));
            return new Money(intent.getAmount(), currency);
        }
        catch (IllegalArgumentException ex) {
            throw new PaymentRejectedException(Reason.CURRENCY_MISMATCH, payment.subscriberId(),
                    "The provider reported payment " + payment.paymentReference() + " in an unknown currency");
        }
    }
}
