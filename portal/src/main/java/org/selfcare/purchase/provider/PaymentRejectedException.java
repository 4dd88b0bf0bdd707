package org.selfcare.purchase.provider;

/**
 * A payment notification or confirmation that fails a check: its signature, its freshness, its novelty, or the
 * agreement between the provider's payment and the order.
 */
class PaymentRejectedException extends Exception {

    /** The checks, with the snake_case code the webhook endpoint returns and the message key of its text. */
    enum Reason {
        INVALID_SIGNATURE("invalid_signature"),
        STALE_TIMESTAMP("stale_timestamp"),
        INVALID_PAYLOAD("invalid_payload"),
        REPLAYED_EVENT("replayed_event"),
        UNKNOWN_PAYMENT("unknown_payment"),
        STATUS_MISMATCH("status_mismatch"),
        AMOUNT_MISMATCH("amount_mismatch"),
        CURRENCY_MISMATCH("currency_mismatch"),
        ORDER_NOT_PAYABLE("order_not_payable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }

        String messageKey() {
            return "payment.webhook." + code.replace('_', '-');
        }
    }

    private final Reason reason;

    private final Long subscriberId;

    /**
     * @param reason which check failed
     * @param subscriberId the subscriber of the payment, or null when the payment is unknown
     * @param detail what failed, in plain words, for the log and the security event; never a secret
     */
    PaymentRejectedException(Reason reason, Long subscriberId, String detail) {
        super(detail);
        this.reason = reason;
        this.subscriberId = subscriberId;
    }

    Reason reason() {
        return reason;
    }

    Long subscriberId() {
        return subscriberId;
    }
}
