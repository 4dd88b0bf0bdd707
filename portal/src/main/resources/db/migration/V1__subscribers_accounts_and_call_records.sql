-- Subscribers and their sign-in credentials (owned by the identity module).
CREATE TABLE subscriber (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    msisdn        text        NOT NULL,
    msisdn_e164   text        NOT NULL UNIQUE CHECK (msisdn_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    display_name  text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    time_zone     text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Prepaid accounts, their ledger and payments (owned by the account module). Amounts are integer minor units
-- of an ISO 4217 currency; the balance is the sum of the ledger and moves in the same transaction as it.
CREATE TABLE account (
    subscriber_id bigint      PRIMARY KEY REFERENCES subscriber (id),
    currency      char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    balance_minor bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_entry (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id bigint      NOT NULL REFERENCES account (subscriber_id),
    kind          text        NOT NULL CHECK (kind IN ('TOP_UP', 'CALL_CHARGE', 'ADJUSTMENT')),
    amount_minor  bigint      NOT NULL CHECK (amount_minor <> 0),
    currency      char(3)     NOT NULL,
    reference     text        NOT NULL,
    description   text        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subscriber_id, reference)
);

CREATE INDEX ledger_entry_by_subscriber ON ledger_entry (subscriber_id, occurred_at DESC, id DESC);

CREATE TABLE payment (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id bigint      NOT NULL REFERENCES account (subscriber_id),
    amount_minor  bigint      NOT NULL CHECK (amount_minor > 0),
    currency      char(3)     NOT NULL,
    channel       text        NOT NULL CHECK (channel IN ('CARD', 'VOUCHER', 'BANK_TRANSFER', 'CASH')),
    status        text        NOT NULL CHECK (status IN ('COMPLETED', 'FAILED', 'REFUNDED')),
    reference     text        NOT NULL UNIQUE,
    paid_at       timestamptz NOT NULL
);

CREATE INDEX payment_by_subscriber ON payment (subscriber_id, paid_at DESC, id DESC);

-- Call records (owned by the usage module), partitioned by calendar month of started_at in UTC. The primary
-- key doubles as the index for newest-first keyset pagination of one subscriber's records.
CREATE TABLE call_record (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    subscriber_id    bigint      NOT NULL,
    record_key       text        NOT NULL,
    direction        text        NOT NULL CHECK (direction IN ('OUTGOING', 'INCOMING')),
    other_party      text        NOT NULL,
    other_party_e164 text,
    started_at       timestamptz NOT NULL,
    duration_seconds integer     NOT NULL CHECK (duration_seconds >= 0),
    billable_seconds integer     NOT NULL CHECK (billable_seconds >= 0),
    answered         boolean     NOT NULL,
    charge_minor     bigint      NOT NULL CHECK (charge_minor >= 0),
    currency         char(3)     NOT NULL,
    import_id        bigint      NOT NULL,
    source_line      bigint      NOT NULL,
    PRIMARY KEY (subscriber_id, started_at, id),
    UNIQUE (record_key, subscriber_id, started_at)
) PARTITION BY RANGE (started_at);

CREATE TABLE call_import (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_name   text        NOT NULL,
    layout      text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    lines_read  bigint      NOT NULL DEFAULT 0,
    imported    bigint      NOT NULL DEFAULT 0,
    duplicates  bigint      NOT NULL DEFAULT 0,
    rejected    bigint      NOT NULL DEFAULT 0
);

-- Creates the partition for the month that contains the given instant. It runs with the rights of the schema
-- owner, so the role the portal runs as needs no DDL rights. The advisory lock makes two imports that reach a
-- new month at once create the partition only once.
CREATE FUNCTION ensure_call_record_partition(instant timestamptz) RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path FROM CURRENT
AS $$
DECLARE
    month_start timestamptz := date_trunc('month', instant AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    month_end   timestamptz := month_start + interval '1 month';
    partition   text        := 'call_record_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
    IF to_regclass(partition) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('call_record_partition'));
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF call_record FOR VALUES FROM (%L) TO (%L)',
                   partition, month_start, month_end);
END;
$$;
