-- The catalogue of commodities (owned by the purchase module). Prices are integer minor units; stock is taken
-- when an order is placed and given back when the order expires or is cancelled.
CREATE TABLE catalogue_item (
    id                     text        PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{1,40}$'),
    kind                   text        NOT NULL CHECK (kind IN ('RECHARGE_CARD', 'SIM_CARD', 'DEVICE')),
    name                   text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description            text        NOT NULL CHECK (length(description) <= 500),
    price_minor            bigint      NOT NULL CHECK (price_minor > 0),
    currency               char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    face_value_minor       bigint      CHECK (face_value_minor > 0),
    stock                  integer     NOT NULL CHECK (stock >= 0),
    active                 boolean     NOT NULL DEFAULT true,
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'RECHARGE_CARD') = (face_value_minor IS NOT NULL))
);

-- Orders and their lines (owned by the purchase module). The total is computed by the server from the catalogue
-- when the order is placed; the lines keep the prices of that moment.
CREATE TABLE customer_order (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number            text        NOT NULL UNIQUE CHECK (number ~ '^SC-[0-9A-Z]{8}$'),
    subscriber_id     bigint      NOT NULL REFERENCES subscriber (id),
    status            text        NOT NULL CHECK (status IN ('CREATED', 'AWAITING_PAYMENT', 'PAID', 'FULFILLED',
                                                             'CANCELLED', 'EXPIRED')),
    total_minor       bigint      NOT NULL CHECK (total_minor > 0),
    currency          char(3)     NOT NULL,
    identity_document uuid,
    delivery_address  jsonb,
    payment_method    text        CHECK (payment_method IN ('STORE_CREDIT', 'PROVIDER')),
    payment_reference text,
    created_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    paid_at           timestamptz,
    closed_at         timestamptz
);

CREATE INDEX customer_order_by_subscriber ON customer_order (subscriber_id, created_at DESC, id DESC);

CREATE INDEX customer_order_unpaid ON customer_order (expires_at) WHERE status IN ('CREATED', 'AWAITING_PAYMENT');

CREATE TABLE order_line (
    order_id         bigint  NOT NULL REFERENCES customer_order (id),
    line_number      integer NOT NULL CHECK (line_number > 0),
    item_id          text    NOT NULL REFERENCES catalogue_item (id),
    name             text    NOT NULL,
    kind             text    NOT NULL,
    quantity         integer NOT NULL CHECK (quantity > 0),
    unit_price_minor bigint  NOT NULL CHECK (unit_price_minor > 0),
    face_value_minor bigint,
    PRIMARY KEY (order_id, line_number)
);

-- Idempotency keys of order submissions and payments, per subscriber. The hash is SHA-256 of the request's
-- content (the decrypted plaintext of an order); the response is the first successful one, returned again to a
-- repeat. The primary key makes a second request with the same key wait for the first one's transaction.
CREATE TABLE idempotency_key (
    subscriber_id   bigint      NOT NULL REFERENCES subscriber (id),
    scope           text        NOT NULL CHECK (scope IN ('ORDER', 'PAYMENT')),
    key             text        NOT NULL CHECK (key ~ '^[A-Za-z0-9_-]{8,64}$'),
    request_sha256  bytea       NOT NULL CHECK (length(request_sha256) = 32),
    response_status integer     NOT NULL,
    response_body   text        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (subscriber_id, scope, key)
);

CREATE INDEX idempotency_key_by_age ON idempotency_key (created_at);

-- Paying an order from the balance is a ledger entry of its own kind (owned by the account module).
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_kind_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_kind_check
    CHECK (kind IN ('TOP_UP', 'CALL_CHARGE', 'ADJUSTMENT', 'PURCHASE'));
