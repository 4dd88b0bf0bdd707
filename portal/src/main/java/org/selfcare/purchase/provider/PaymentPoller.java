package org.selfcare.purchase.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Asks the provider about payments that have waited longer than {@code selfcare.payment.provider.poll-after}
 * without a verified notification, for example because the webhook was lost or the portal was down, and settles
 * or fails them through {@link PaymentConfirmation}. Each unanswered query doubles the wait before the next, up
 * to {@code poll-max-delay}; a provider that is down is logged and asked again later, so no payment is lost.
 */
class PaymentPoller {

    private static final Logger logger = LoggerFactory.getLogger(PaymentPoller.class);

    /** Payments asked about per run, so that one run stays short; the next run takes the rest. */
    private static final int BATCH_SIZE = 50;

    private final ProviderPayments payments;

    private final PaymentConfirmation confirmation;

    private final PaymentProviderProperties properties;

    private final SecurityLog securityLog;

    private final Clock clock;

    PaymentPoller(ProviderPayments payments, PaymentConfirmation confirmation, PaymentProviderProperties properties,
            SecurityLog securityLog, Clock clock) {
        this.payments = payments;
        this.confirmation = confirmation;
        this.properties = properties;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${selfcare.payment.provider.poll-interval:PT30S}",
            initialDelayString = "${selfcare.payment.provider.poll-interval:PT30S}")
    void pollDuePayments() {
        try {
            for (ProviderPayment payment : payments.due(clock.instant(), BATCH_SIZE)) {
                poll(payment);
            }
        }
        catch (DataAccessException ex) {
            logger.warn("Polling provider payments failed, retrying in the next run", ex);
        }
    }

    /** Asks the provider about one payment and applies its state. Package-private for tests. */
    void poll(ProviderPayment payment) {
        PaymentIntent intent;
        try {
            intent = confirmation.retrieve(payment);
        }
        catch (StripeException ex) {
            Instant next = nextPoll(payment);
            payments.pollLater(payment.orderId(), next, "provider unavailable: " + ex.getClass().getSimpleName());
            logger.warn("Asking the provider about payment {} of order {} failed ({}, status {}); asking again at {}",
                    payment.paymentReference(), payment.orderNumber(), ex.getClass().getSimpleName(),
                    ex.getStatusCode(), next);
            return;
        }

        try {
            PaymentConfirmation.Outcome outcome = confirmation.apply(payment, intent, () -> {
            });
            if (outcome == PaymentConfirmation.Outcome.WAITING || outcome == PaymentConfirmation.Outcome.DECLINED) {
                payments.pollLater(payment.orderId(), nextPoll(payment), null);
            }
            logger.info("Polled payment {} of order {}: {}", payment.paymentReference(), payment.orderNumber(),
                    outcome);
        }
        catch (PaymentRejectedException ex) {
            if (ex.reason() != PaymentRejectedException.Reason.ORDER_NOT_PAYABLE) {
                confirmation.reject(payment, ex);
            }
            securityLog.record(new SecurityEvent(SecurityEventType.PAYMENT_NOTIFICATION_REJECTED, clock.instant(),
                    payment.subscriberId(), null, null, ex.reason().code(), "Poll: " + ex.getMessage()));
        }
    }

    private Instant nextPoll(ProviderPayment payment) {
        Duration delay = properties.pollAfter().multipliedBy(1L << Math.min(payment.pollAttempts() + 1, 20));
        if (delay.compareTo(properties.pollMaxDelay()) > 0) {
            delay = properties.pollMaxDelay();
        }
        return clock.instant().plus(delay);
    }
}
