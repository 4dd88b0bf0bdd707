-- Payments started at the payment provider and the provider events already processed (owned by the
-- purchase.provider module). One payment per order: the provider's idempotency key is derived from the order
-- id, so a second checkout of the same order finds the same payment. A payment is PENDING until a verified
-- notification or the poller settles it (SETTLED), the provider reports it cancelled (CANCELED), or its
-- confirmation does not fit the order (REJECTED, left for an operator to refund).
CREATE TABLE provider_payment (
    order_id          bigint      PRIMARY KEY,
    order_number      text        NOT NULL,
    subscriber_id     bigint      NOT NULL,
    payment_reference text        NOT NULL UNIQUE CHECK (length(payment_reference) BETWEEN 1 AND 255),
    redirect_url      text        NOT NULL CHECK (length(redirect_url) BETWEEN 1 AND 2048),
    amount_minor      bigint      NOT NULL CHECK (amount_minor > 0),
    currency          char(3)     NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'SETTLED', 'CANCELED', 'REJECTED')),
    created_at        timestamptz NOT NULL,
    next_poll_at      timestamptz NOT NULL,
    poll_attempts     integer     NOT NULL DEFAULT 0 CHECK (poll_attempts >= 0),
    finished_at       timestamptz,
    last_error        text
);

CREATE INDEX provider_payment_due ON provider_payment (next_poll_at) WHERE status = 'PENDING';

-- Ids of provider events that passed every check. The primary key makes a second insert of the same id fail,
-- which is how a replayed event is found even when two deliveries race.
CREATE TABLE provider_event (
    event_id          text        PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 255),
    type              text        NOT NULL,
    payment_reference text,
    received_at       timestamptz NOT NULL
);
