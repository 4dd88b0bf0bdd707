package org.selfcare.purchase.provider;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;
import org.selfcare.purchase.provider.PaymentRejectedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Handles the provider's webhook events. An event counts only when its {@code Stripe-Signature} verifies with the
 * webhook secret within {@link #TOLERANCE_SECONDS} of the portal's clock, its id was not processed before, it
 * concerns a payment the portal started, and a retrieve of that payment from the provider agrees with the event
 * on status and with the order on amount and currency.
 */
class PaymentNotifications {

    private static final Logger logger = LoggerFactory.getLogger(PaymentNotifications.class);

    /** How far the signature's timestamp may lie from the portal's clock: 5 minutes, Stripe's default. */
    static final long TOLERANCE_SECONDS = 300;

    static final String SUCCEEDED = "payment_intent.succeeded";

    static final String PAYMENT_FAILED = "payment_intent.payment_failed";

    static final String CANCELED = "payment_intent.canceled";

    private static final Map<String, String> EXPECTED_STATUS = Map.of(
            SUCCEEDED, PaymentConfirmation.STATUS_SUCCEEDED,
            CANCELED, PaymentConfirmation.STATUS_CANCELED,
            PAYMENT_FAILED, PaymentConfirmation.STATUS_REQUIRES_PAYMENT_METHOD);

    private final String webhookSecret;

    private final ProviderPayments payments;

    private final PaymentConfirmation confirmation;

    private final ObjectMapper json;

    private final Clock clock;

    PaymentNotifications(String webhookSecret, ProviderPayments payments, PaymentConfirmation confirmation,
            ObjectMapper json, Clock clock) {
        this.webhookSecret = webhookSecret;
        this.payments = payments;
        this.confirmation = confirmation;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Verifies and applies one event.
     *
     * @throws PaymentRejectedException when a check fails
     * @throws StripeException when the provider cannot be asked for the payment; the provider retries the event
     */
    void handle(String payload, String signatureHeader) throws PaymentRejectedException, StripeException {
        Event event = verify(payload, signatureHeader);
        if (payments.eventSeen(event.getId())) {
            throw new PaymentRejectedException(Reason.REPLAYED_EVENT, null,
                    "Event " + event.getId() + " was processed before");
        }

        String expectedStatus = EXPECTED_STATUS.get(event.getType());
        if (expectedStatus == null) {
            // Other event types change nothing here; remembering them keeps a replay from being processed twice.
            payments.rememberEvent(event.getId(), event.getType(), null, clock.instant());
            logger.debug("Ignored provider event {} of type {}", event.getId(), event.getType());
            return;
        }

        String reference = paymentIntentId(event);
        Optional<ProviderPayment> found = payments.byReference(reference);
        if (found.isEmpty()) {
            throw new PaymentRejectedException(Reason.UNKNOWN_PAYMENT, null, "Event " + event.getId()
                    + " concerns payment " + reference + ", which the portal did not start");
        }
        ProviderPayment payment = found.get();

        PaymentIntent intent = confirmation.retrieve(payment);
        if (!expectedStatus.equals(intent.getStatus())) {
            throw new PaymentRejectedException(Reason.STATUS_MISMATCH, payment.subscriberId(), "Event "
                    + event.getId() + " reports " + event.getType() + " for payment " + reference
                    + ", but the provider reports status " + intent.getStatus());
        }

        try {
            confirmation.apply(payment, intent, () -> {
                if (!payments.rememberEvent(event.getId(), event.getType(), reference, clock.instant())) {
                    throw new ConcurrentReplayException();
                }
            });
        }
        catch (ConcurrentReplayException ex) {
            throw new PaymentRejectedException(Reason.REPLAYED_EVENT, payment.subscriberId(),
                    "Event " + event.getId() + " was processed by a concurrent delivery");
        }
        catch (PaymentRejectedException ex) {
            if (ex.reason() != Reason.ORDER_NOT_PAYABLE) {
                confirmation.reject(payment, ex);
            }
            throw ex;
        }
    }

    private Event verify(String payload, String signatureHeader) throws PaymentRejectedException {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new PaymentRejectedException(Reason.INVALID_SIGNATURE, null, "The Stripe-Signature header is missing");
        }
        try {
            return Webhook.constructEvent(payload, signatureHeader, webhookSecret, TOLERANCE_SECONDS, clock);
        }
        catch (SignatureVerificationException ex) {
            // stripe-java checks the signature before the timestamp, so a timestamp error means the signature held.
            boolean stale = String.valueOf(ex.getMessage()).contains("tolerance");
            throw new PaymentRejectedException(stale ? Reason.STALE_TIMESTAMP : Reason.INVALID_SIGNATURE, null,
                    stale ? "The signature's timestamp is more than " + TOLERANCE_SECONDS
                            + " seconds from the portal's clock" : "The signature does not match the payload");
        }
        catch (RuntimeException ex) {
            // stripe-java parses the payload with Gson, which is not on the compile path; any parse error lands here.
            throw new PaymentRejectedException(Reason.INVALID_PAYLOAD, null, "The signed payload is not an event");
        }
    }

    private String paymentIntentId(Event event) throws PaymentRejectedException {
        try {
            Object id = json.readValue(event.getDataObjectDeserializer().getRawJson(), Map.class).get("id");
            if (id instanceof String reference && !reference.isBlank()) {
                return reference;
            }
        }
        catch (JacksonException | NullPointerException ex) {
            // Reported below as an event without a payment.
        }
        throw new PaymentRejectedException(Reason.INVALID_PAYLOAD, null,
                "Event " + event.getId() + " names no payment intent");
    }

    /** Another delivery of the same event committed first. */
    private static final class ConcurrentReplayException extends RuntimeException {
    }
}
