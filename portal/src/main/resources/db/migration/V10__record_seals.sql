-- Record seals (owned by the integrity module). seal is the base64url HMAC-SHA256, without padding, of a
-- versioned encoding of the row's key fields under the sealing key named by seal_key_id. SQL cannot compute
-- an HMAC, so rows written before this migration keep a NULL seal until the portal's one-time start-up job
-- seals them; after that job a NULL seal counts as broken.
ALTER TABLE call_record  ADD COLUMN seal text, ADD COLUMN seal_key_id text;
ALTER TABLE payment      ADD COLUMN seal text, ADD COLUMN seal_key_id text;
ALTER TABLE ledger_entry ADD COLUMN seal text, ADD COLUMN seal_key_id text;

-- One row. sealed_at stays NULL until the start-up job has sealed every row that predates this migration;
-- the job runs only while it is NULL, so a seal removed later is never replaced by a fresh one.
CREATE TABLE seal_backfill (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    sealed_at timestamptz
);

INSERT INTO seal_backfill (sealed_at) VALUES (NULL);

-- Records whose broken seal has raised an integrity alert, so each one alerts once and not on every read.
CREATE TABLE seal_alert (
    table_name text        NOT NULL,
    record_id  bigint      NOT NULL,
    alerted_at timestamptz NOT NULL,
    PRIMARY KEY (table_name, record_id)
);
