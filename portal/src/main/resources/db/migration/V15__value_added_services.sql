-- The catalogue of value-added services (owned by the subscription module). Fees are integer minor units per
-- billing period, charged from the balance at the start of each period.
CREATE TABLE value_added_service (
    code           text        PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,40}$'),
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    content        text        NOT NULL CHECK (length(content) BETWEEN 1 AND 300),
    fee_minor      bigint      NOT NULL CHECK (fee_minor BETWEEN 1 AND 100000000),
    currency       char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    billing_period text        NOT NULL CHECK (billing_period IN ('DAY', 'WEEK', 'MONTH')),
    auto_renew     boolean     NOT NULL,
    cancellation   text        NOT NULL CHECK (cancellation IN ('END_OF_PERIOD', 'IMMEDIATE_PRO_RATA')),
    active         boolean     NOT NULL DEFAULT true,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Subscriptions (owned by the subscription module). One row per subscription, kept after it ends. started_at
-- anchors the periods: period n ends n billing periods after it, counted in time_zone's calendar. effective_at
-- and expires_at bound the paid period that runs now, fee_minor is what that period cost, and period_number
-- counts the periods charged, so the ledger reference of a period's fee is unique. A row is sealed like the
-- ledger; the seal covers every field but the id and is renewed with each change.
CREATE TABLE subscription (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id  bigint      NOT NULL REFERENCES account (subscriber_id),
    service_code   text        NOT NULL REFERENCES value_added_service (code),
    fee_minor      bigint      NOT NULL CHECK (fee_minor > 0),
    currency       char(3)     NOT NULL,
    billing_period text        NOT NULL CHECK (billing_period IN ('DAY', 'WEEK', 'MONTH')),
    time_zone      text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED', 'EXPIRED')),
    auto_renew     boolean     NOT NULL,
    started_at     timestamptz NOT NULL,
    period_number  integer     NOT NULL CHECK (period_number > 0),
    effective_at   timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL CHECK (expires_at >= effective_at),
    cancelled_at   timestamptz,
    ended_at       timestamptz,
    seal           text        NOT NULL,
    seal_key_id    text        NOT NULL,
    UNIQUE (subscriber_id, service_code, started_at),
    CHECK ((status = 'EXPIRED') <= (ended_at IS NOT NULL)),
    CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL) OR status = 'EXPIRED')
);

-- At most one running subscription per subscriber and service: a cancelled one runs until its paid period ends.
-- Two subscribes that race insert into this index, so the second waits for the first and then fails.
CREATE UNIQUE INDEX subscription_one_running ON subscription (subscriber_id, service_code) WHERE ended_at IS NULL;

-- The renewal job looks for running subscriptions whose period ended.
CREATE INDEX subscription_due ON subscription (expires_at) WHERE ended_at IS NULL;

CREATE INDEX subscription_by_subscriber ON subscription (subscriber_id, started_at DESC);

-- Subscription fees and pro-rata refunds are ledger entries of their own kinds (owned by the account module).
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_kind_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_kind_check
    CHECK (kind IN ('TOP_UP', 'CALL_CHARGE', 'ADJUSTMENT', 'PURCHASE', 'SUBSCRIPTION_FEE', 'SUBSCRIPTION_REFUND'));
